package dev.lanyard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenSetTest {
  private static final Instant ISSUED = Instant.parse("2025-01-01T10:00:00Z");
  private static final Instant EXPIRES = ISSUED.plusSeconds(300);
  private static final Duration SKEW = Duration.ofSeconds(30);

  private static final String ACCESS = "access-Zq8vSECRET-a1";
  private static final String REFRESH = "refresh-Kx2mSECRET-r1";
  private static final String ID = "idtoken-Pw7nSECRET-i1";

  private static TokenSet.Builder expiring() {
    return TokenSet.builder(ACCESS).issuedAt(ISSUED).expiresAt(EXPIRES);
  }

  @Test
  void accessValid_nowPlusSkewJustBeforeExpiry_valid() {
    Instant now = EXPIRES.minus(SKEW).minusMillis(1);
    assertThat(expiring().build().accessValid(SKEW, now)).isTrue();
  }

  @Test
  void accessValid_nowPlusSkewEqualsExpiry_expired() {
    assertThat(expiring().build().accessValid(SKEW, EXPIRES.minus(SKEW))).isFalse();
  }

  @Test
  void accessValid_zeroSkew_expiredExactlyAtExpiresAt() {
    TokenSet t = expiring().build();
    assertThat(t.accessValid(Duration.ZERO, EXPIRES.minusMillis(1))).isTrue();
    assertThat(t.accessValid(Duration.ZERO, EXPIRES)).isFalse();
    assertThat(t.accessValid(Duration.ZERO, EXPIRES.plusMillis(1))).isFalse();
  }

  @Test
  void accessValid_positiveSkew_expiresEarlierNeverLater() {
    TokenSet t = expiring().build();
    // Still valid by the provider's clock, but inside the skew: must already count as expired.
    Instant insideSkew = EXPIRES.minusSeconds(10);
    assertThat(t.accessValid(Duration.ZERO, insideSkew)).isTrue();
    assertThat(t.accessValid(SKEW, insideSkew)).isFalse();
    // Past the provider's expiry: no skew may make it valid again.
    assertThat(t.accessValid(SKEW, EXPIRES.plusSeconds(10))).isFalse();
  }

  @Test
  void accessValid_noExpiry_alwaysValid() {
    TokenSet pat = TokenSet.builder(ACCESS).issuedAt(ISSUED).build();
    assertThat(pat.expiresAt()).isEmpty();
    assertThat(pat.accessValid(SKEW, Instant.parse("2999-01-01T00:00:00Z"))).isTrue();
  }

  @Test
  void refreshValid_noRefreshToken_false() {
    assertThat(expiring().build().refreshValid(Duration.ZERO, ISSUED)).isFalse();
  }

  @Test
  void refreshValid_refreshTokenWithoutExpiry_true() {
    TokenSet t = expiring().refreshToken(REFRESH).build();
    assertThat(t.refreshValid(SKEW, Instant.parse("2999-01-01T00:00:00Z"))).isTrue();
  }

  @Test
  void refreshValid_boundary_sameRuleAsAccess() {
    Instant refreshExpires = ISSUED.plusSeconds(1800);
    TokenSet t = expiring().refreshToken(REFRESH).refreshExpiresAt(refreshExpires).build();
    assertThat(t.refreshValid(SKEW, refreshExpires.minus(SKEW).minusMillis(1))).isTrue();
    assertThat(t.refreshValid(SKEW, refreshExpires.minus(SKEW))).isFalse();
  }

  @Test
  void toString_allTokensPresent_showsNoSecret() {
    TokenSet t =
        expiring().refreshToken(REFRESH).idToken(ID).scope(Scope.of("openid email")).build();
    assertThat(t.toString())
        .doesNotContain(ACCESS, REFRESH, ID, "SECRET")
        .contains("[redacted]", "openid email", EXPIRES.toString());
  }

  @Test
  void authorizationHeader_lowercaseBearer_normalised() {
    TokenSet t = TokenSet.builder("abc").tokenType("bearer").build();
    assertThat(t.authorizationHeader()).isEqualTo("Bearer abc");
    assertThat(t.tokenType()).isEqualTo("bearer");
  }

  @Test
  void builder_emptyAccessToken_refused() {
    assertThatThrownBy(() -> TokenSet.builder("").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("accessToken must not be empty");
  }
}
