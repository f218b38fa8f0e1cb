package dev.lanyard.login;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Pending logins in a bounded map: beyond the bound the oldest goes first (it is the likeliest to
 * have expired, or to be a sign-in someone abandoned), so a flood of started logins cannot grow
 * memory without limit.
 */
final class MemoryPendingLoginStore implements PendingLoginStore {
  private final Map<String, PendingLogin> pending;
  private final Duration lifetime;

  MemoryPendingLoginStore(int maxEntries, Duration lifetime) {
    this.lifetime = lifetime;
    this.pending =
        new LinkedHashMap<>(16, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, PendingLogin> eldest) {
            return size() > maxEntries;
          }
        };
  }

  @Override
  public synchronized void put(PendingLogin login) {
    Objects.requireNonNull(login, "login");
    pending.put(login.state(), login);
  }

  @Override
  public synchronized Optional<PendingLogin> take(String state) {
    Objects.requireNonNull(state, "state");
    return Optional.ofNullable(pending.remove(state));
  }

  @Override
  public Duration lifetime() {
    return lifetime;
  }

  synchronized int size() {
    return pending.size();
  }

  @Override
  public synchronized String toString() {
    return "PendingLoginStore.inMemory{pending=" + pending.size() + '}';
  }
}
