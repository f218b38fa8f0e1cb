package dev.lanyard.internal.loopback;

import java.time.Duration;
import java.util.Objects;

/** Duration checks and how durations appear in messages. */
public final class Durations {
  private Durations() {}

  /** {@code d}, unless it is zero or negative. */
  public static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
    return d;
  }

  /** "300 s" or "250 ms". */
  public static String format(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }
}
