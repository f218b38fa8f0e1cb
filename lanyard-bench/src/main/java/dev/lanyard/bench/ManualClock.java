package dev.lanyard.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A wall clock that only moves when told to, so a benchmark can expire tokens at will. */
final class ManualClock implements InstantSource {
  private volatile long millis;

  ManualClock(Instant start) {
    this.millis = start.toEpochMilli();
  }

  @SuppressWarnings("NonAtomicVolatileUpdate") // only the harness thread writes
  void advance(Duration d) {
    millis += d.toMillis(); // only the harness thread writes
  }

  void set(Instant t) {
    millis = t.toEpochMilli();
  }

  @Override
  public long millis() {
    return millis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis);
  }
}
