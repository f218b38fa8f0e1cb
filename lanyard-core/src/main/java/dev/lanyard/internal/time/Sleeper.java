package dev.lanyard.internal.time;

import java.time.Duration;

/** Waits for a while; tests pass one that advances a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  /** {@link Thread#sleep}. */
  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

  /** Waits for {@code duration}, or less when interrupted. */
  void sleep(Duration duration) throws InterruptedException;
}
