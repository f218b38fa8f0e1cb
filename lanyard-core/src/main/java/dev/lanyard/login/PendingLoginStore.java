package dev.lanyard.login;

import java.util.Optional;

/**
 * Where {@link WebLogin} keeps sign-ins that were started and wait for their callback, by {@code
 * state}. The default {@linkplain #inMemory() lives in memory}; an application with several
 * instances behind a load balancer plugs in a shared one.
 *
 * <p>{@link #take(String)} must remove atomically: a state is good for one callback only, even when
 * two arrive at once.
 */
public interface PendingLoginStore {

  /** Remembers a pending login under its {@link PendingLogin#state()}. */
  void put(PendingLogin login);

  /** Removes and returns the pending login with this state; empty when unknown or already taken. */
  Optional<PendingLogin> take(String state);

  /** A store in memory holding at most 10,000 pending logins, dropping the oldest beyond that. */
  static PendingLoginStore inMemory() {
    return new MemoryPendingLoginStore(10_000);
  }

  /** A store in memory holding at most {@code maxEntries} pending logins. */
  static PendingLoginStore inMemory(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
    }
    return new MemoryPendingLoginStore(maxEntries);
  }
}
