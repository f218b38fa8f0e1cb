package dev.lanyard.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * A clock that moves only when a test says so (Caffeine's {@code FakeTicker}, for instants): expiry
 * is reached by {@link #advance}, never by sleeping.
 *
 * <pre>{@code
 * FakeClock clock = new FakeClock();             // 2025-01-01T10:00:00Z
 * TokenSession session = TokenSession.builder().clock(clock)...build();
 * clock.advance(Duration.ofMinutes(5));
 * }</pre>
 *
 * <p>Thread-safe: readers see every move at once.
 */
public final class FakeClock implements InstantSource {
  /** Where {@link #FakeClock()} starts. */
  public static final Instant DEFAULT_START = Instant.parse("2025-01-01T10:00:00Z");

  private volatile Instant now;

  /** A clock standing at {@code start}. */
  public FakeClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  /** A clock standing at {@link #DEFAULT_START}. */
  public FakeClock() {
    this(DEFAULT_START);
  }

  /**
   * A clock standing at the system clock's present, for tests against a real server whose tokens
   * expire in real time.
   */
  public static FakeClock startingNow() {
    return new FakeClock(Instant.now());
  }

  /** Moves the clock forward (or back, for a negative duration). */
  public synchronized FakeClock advance(Duration d) {
    now = now.plus(d);
    return this;
  }

  /** Puts the clock at {@code instant}. */
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
