package dev.lanyard.session;

import dev.lanyard.TokenSet;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

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
  final @Nullable String rejected;

  private Ask(Kind kind, Duration minValid, @Nullable String rejected) {
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

  /**
   * False only for the rejected token itself: a caller forcing past a token can join a refresh that
   * was already in flight when it was rejected, and that refresh may have produced it.
   */
  boolean accepts(TokenSet result) {
    return kind != Kind.FORCE || !result.accessToken().equals(rejected);
  }

  @Override
  public String toString() {
    return kind.name();
  }
}
