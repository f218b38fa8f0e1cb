package dev.lanyard.login;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@link WebLogin} (and the web logins of provider plug-ins, such as LabArchives') keep
 * sign-ins that were started and wait for their callback, by {@code state}, and for how long. The
 * default {@linkplain #inMemory() lives in memory}; an application with several instances behind a
 * load balancer plugs in a shared one.
 *
 * <p>{@link #take(String)} must remove atomically: a state is good for one callback only, even when
 * two arrive at once.
 */
public interface PendingLoginStore {

  /** Remembers a pending login under its {@link PendingLogin#state()}. */
  void put(PendingLogin login);

  /** Removes and returns the pending login with this state; empty when unknown or already taken. */
  Optional<PendingLogin> take(String state);

  /**
   * How long a started sign-in may take: its callback is refused after this, and a store may forget
   * it then (e.g. as the time to live of a shared cache entry). Default 10 minutes.
   */
  default Duration lifetime() {
    return Duration.ofMinutes(10);
  }

  /** A store in memory holding at most 10,000 pending logins, dropping the oldest beyond that. */
  static PendingLoginStore inMemory() {
    return new MemoryPendingLoginStore(10_000, Duration.ofMinutes(10));
  }

  /** A store in memory holding at most {@code maxEntries} pending logins. */
  static PendingLoginStore inMemory(int maxEntries) {
    return inMemory(maxEntries, Duration.ofMinutes(10));
  }

  /**
   * A store in memory holding at most {@code maxEntries} pending logins, each good for {@code
   * lifetime}.
   */
  static PendingLoginStore inMemory(int maxEntries, Duration lifetime) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
    }
    Objects.requireNonNull(lifetime, "lifetime");
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("lifetime must be positive, was " + lifetime);
    }
    return new MemoryPendingLoginStore(maxEntries, lifetime);
  }
}
