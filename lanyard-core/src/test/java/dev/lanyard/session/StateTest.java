package dev.lanyard.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.TokenSet;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The two precomputed moments of a session's tokens: refresh-ahead and expiry. */
class StateTest {
  private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
  private static final Duration SKEW = Duration.ofSeconds(30);
  private static final Duration AHEAD = Duration.ofSeconds(60);

  private static TokenSet lasting(Duration lifetime) {
    return TokenSet.builder("a").issuedAt(T0).expiresAt(T0.plus(lifetime)).build();
  }

  private static long at(Duration sinceT0) {
    return T0.plus(sinceT0).toEpochMilli();
  }

  @Test
  void of_normalToken_expiresSkewBeforeAndRefreshesAheadOfThat() {
    State s = State.of(lasting(Duration.ofMinutes(5)), SKEW, AHEAD, 0);

    assertThat(s.expireAt).isEqualTo(at(Duration.ofSeconds(270)));
    assertThat(s.refreshAt).isEqualTo(at(Duration.ofSeconds(210)));
  }

  @Test
  void usable_boundary_nowPlusSkewReachingExpiryIsExpired() {
    State s = State.of(lasting(Duration.ofMinutes(5)), SKEW, AHEAD, 0);

    assertThat(s.usable(at(Duration.ofSeconds(270)) - 1)).isTrue();
    assertThat(s.usable(at(Duration.ofSeconds(270)))).isFalse();
    assertThat(s.fresh(at(Duration.ofSeconds(210)) - 1)).isTrue();
    assertThat(s.fresh(at(Duration.ofSeconds(210)))).isFalse();
  }

  @Test
  void effectiveSkew_shortLivedToken_clampedToHalfTheLifetime() {
    TokenSet t = lasting(Duration.ofSeconds(40));

    assertThat(State.effectiveSkew(t, SKEW)).isEqualTo(Duration.ofSeconds(20));
    assertThat(State.effectiveSkew(lasting(Duration.ofMinutes(5)), SKEW)).isEqualTo(SKEW);
  }

  @Test
  void of_tokenShorterThanTwiceTheSkew_usableOnArrivalAndRefreshBeforeExpiry() {
    State s = State.of(lasting(Duration.ofSeconds(40)), SKEW, AHEAD, 0);

    assertThat(s.usable(at(Duration.ZERO))).isTrue();
    assertThat(s.expireAt).isEqualTo(at(Duration.ofSeconds(20)));
    assertThat(s.refreshAt).isLessThan(s.expireAt).isGreaterThan(at(Duration.ZERO));
  }

  @Test
  void of_anyLifetime_refreshPointNeverAfterExpiryPoint() {
    for (long seconds : new long[] {0, 1, 2, 30, 59, 60, 61, 90, 120, 300, 3600}) {
      State s = State.of(lasting(Duration.ofSeconds(seconds)), SKEW, AHEAD, 0);
      assertThat(s.refreshAt).as("lifetime %d s", seconds).isLessThanOrEqualTo(s.expireAt);
      assertThat(s.expireAt)
          .as("lifetime %d s", seconds)
          .isLessThanOrEqualTo(at(Duration.ofSeconds(seconds)));
    }
  }

  @Test
  void of_alreadyExpiredOnArrival_notUsable() {
    TokenSet t = TokenSet.builder("a").issuedAt(T0).expiresAt(T0.minusSeconds(10)).build();
    State s = State.of(t, SKEW, AHEAD, 0);

    assertThat(State.effectiveSkew(t, SKEW)).isEqualTo(Duration.ZERO);
    assertThat(s.usable(at(Duration.ZERO))).isFalse();
  }

  @Test
  void of_noExpiry_foreverFreshAndUsable() {
    State s = State.of(TokenSet.builder("pat").issuedAt(T0).build(), SKEW, AHEAD, 3);

    assertThat(s.fresh(Long.MAX_VALUE - 1)).isTrue();
    assertThat(s.usableFor(at(Duration.ZERO), Duration.ofDays(365_000))).isTrue();
    assertThat(s.generation).isEqualTo(3);
  }

  @Test
  void usableFor_minValidReachingExpiry_false() {
    State s = State.of(lasting(Duration.ofMinutes(5)), SKEW, AHEAD, 0);

    assertThat(s.usableFor(at(Duration.ZERO), Duration.ofSeconds(269))).isTrue();
    assertThat(s.usableFor(at(Duration.ZERO), Duration.ofSeconds(270))).isFalse();
  }

  @Test
  void empty_neverUsable() {
    assertThat(State.empty(1).usable(0)).isFalse();
    assertThat(State.EMPTY.fresh(Long.MIN_VALUE)).isFalse();
  }
}
