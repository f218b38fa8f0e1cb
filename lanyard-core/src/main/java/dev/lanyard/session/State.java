package dev.lanyard.session;

import dev.lanyard.TokenSet;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A session's tokens with the two moments that matter precomputed as epoch milliseconds, so the hot
 * path is one volatile read and one comparison.
 */
final class State {
  static final State EMPTY = new State(null, Long.MIN_VALUE, Long.MIN_VALUE, 0);

  /** Null only in {@link #EMPTY}. */
  final @Nullable TokenSet tokens;

  /** From here on a background refresh starts; before it the token is handed out as it is. */
  final long refreshAt;

  /** From here on ({@code now + skew >= expiresAt}) callers must wait for new tokens. */
  final long expireAt;

  /** Bumped by {@code clear()}, so a refresh that was in flight cannot resurrect tokens. */
  final long generation;

  private State(@Nullable TokenSet tokens, long refreshAt, long expireAt, long generation) {
    this.tokens = tokens;
    this.refreshAt = refreshAt;
    this.expireAt = expireAt;
    this.generation = generation;
  }

  static State empty(long generation) {
    return new State(null, Long.MIN_VALUE, Long.MIN_VALUE, generation);
  }

  static State of(TokenSet tokens, Duration skew, Duration refreshAhead, long generation) {
    if (tokens.expiresAt().isEmpty()) {
      return new State(tokens, Long.MAX_VALUE, Long.MAX_VALUE, generation);
    }
    long expiresAt = tokens.expiresAt().get().toEpochMilli();
    long expireAt = expiresAt - effectiveSkew(tokens, skew).toMillis();
    long lifetime = Math.max(0, expireAt - tokens.issuedAt().toEpochMilli());
    long ahead = Math.min(refreshAhead.toMillis(), lifetime / 2);
    return new State(tokens, expireAt - ahead, expireAt, generation);
  }

  /**
   * The skew, but at most half the token's lifetime: a provider that issues tokens shorter than
   * twice the skew would otherwise hand out tokens that are expired on arrival.
   */
  static Duration effectiveSkew(TokenSet tokens, Duration skew) {
    return tokens.effectiveSkew(skew);
  }

  /** True while {@code now} is before the refresh-ahead point. */
  boolean fresh(long now) {
    return now < refreshAt;
  }

  /** True while the tokens may still be handed out. */
  boolean usable(long now) {
    return tokens != null && now < expireAt;
  }

  /** True when the tokens stay usable for at least {@code minValid} from {@code now}. */
  boolean usableFor(long now, Duration minValid) {
    return tokens != null && (expireAt == Long.MAX_VALUE || now + minValid.toMillis() < expireAt);
  }

  static boolean isFreshAt(Instant now, TokenSet tokens, Duration skew, Duration ahead) {
    return of(tokens, skew, ahead, 0).fresh(now.toEpochMilli());
  }
}
