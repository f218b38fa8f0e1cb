package dev.lanyard.session;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/** A clock that moves only when a test says so (Caffeine's {@code FakeTicker}, for instants). */
public final class FakeClock implements InstantSource {
  private volatile Instant now;

  public FakeClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  public FakeClock() {
    this(Instant.parse("2025-01-01T10:00:00Z"));
  }

  public synchronized FakeClock advance(Duration d) {
    now = now.plus(d);
    return this;
  }

  public synchronized FakeClock set(Instant instant) {
    now = Objects.requireNonNull(instant, "instant");
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public long millis() {
    return now.toEpochMilli();
  }

  @Override
  public String toString() {
    return "FakeClock[" + now + "]";
  }
}
