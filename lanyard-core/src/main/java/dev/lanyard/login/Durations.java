package dev.lanyard.login;

import java.time.Duration;
import java.util.Objects;

/** Duration checks and how durations appear in messages. */
final class Durations {
  private Durations() {}

  static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
    return d;
  }

  /** "300 s" or "250 ms". */
  static String format(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }
}
