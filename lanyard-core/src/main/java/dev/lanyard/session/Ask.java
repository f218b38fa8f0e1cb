package dev.lanyard.session;

import java.time.Duration;

/** Why a renewal runs, and so which tokens would satisfy it without a token request. */
final class Ask {
  enum Kind {
    /** The caller must have usable tokens (for at least {@code minValid}). */
    NEEDED,
    /** A background refresh in the refresh-ahead margin. */
    AHEAD,
    /** The provider rejected {@code rejected}: anything else that is usable will do. */
    FORCE
  }

  static final Ask NEEDED = new Ask(Kind.NEEDED, Duration.ZERO, null);
  static final Ask AHEAD = new Ask(Kind.AHEAD, Duration.ZERO, null);

  final Kind kind;
  final Duration minValid;
  final String rejected;

  private Ask(Kind kind, Duration minValid, String rejected) {
    this.kind = kind;
    this.minValid = minValid;
    this.rejected = rejected;
  }

  static Ask needed(Duration minValid) {
    return minValid.isZero() ? NEEDED : new Ask(Kind.NEEDED, minValid, null);
  }

  static Ask force(String rejected) {
    return new Ask(Kind.FORCE, Duration.ZERO, rejected);
  }

  boolean satisfiedBy(State s, long now) {
    if (s.tokens == null) {
      return false;
    }
    return switch (kind) {
      case NEEDED -> s.usableFor(now, minValid);
      case AHEAD -> s.fresh(now);
      default -> !s.tokens.accessToken().equals(rejected) && s.usable(now);
    };
  }

  @Override
  public String toString() {
    return kind.name();
  }
}
