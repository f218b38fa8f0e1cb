package dev.lanyard.internal.grant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.TokenSet;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A refresh's answer merged with the tokens it refreshed; token sets compared by their tokens. */
class TokenSetsTest {
  private static final Instant ISSUED = Instant.parse("2025-01-01T10:00:00Z");
  private static final Instant EXPIRES = ISSUED.plusSeconds(300);

  private static final String ACCESS = "access-Zq8vSECRET-a1";
  private static final String REFRESH = "refresh-Kx2mSECRET-r1";
  private static final String ID = "idtoken-Pw7nSECRET-i1";

  private static TokenSet.Builder expiring() {
    return TokenSet.builder(ACCESS).issuedAt(ISSUED).expiresAt(EXPIRES);
  }

  @Test
  void mergeRefreshed_noNewRefreshOrIdToken_keepsOldOnes() {
    Instant refreshExpires = ISSUED.plusSeconds(1800);
    TokenSet old =
        expiring().refreshToken(REFRESH).refreshExpiresAt(refreshExpires).idToken(ID).build();
    TokenSet fresh =
        TokenSet.builder("access-2").issuedAt(EXPIRES).expiresAt(EXPIRES.plusSeconds(300)).build();

    TokenSet merged = TokenSets.mergeRefreshed(old, fresh);

    assertThat(merged.accessToken()).isEqualTo("access-2");
    assertThat(merged.expiresAt()).contains(EXPIRES.plusSeconds(300));
    assertThat(merged.refreshToken()).contains(REFRESH);
    assertThat(merged.refreshExpiresAt()).contains(refreshExpires);
    assertThat(merged.idToken()).contains(ID);
  }

  @Test
  void mergeRefreshed_rotatedRefreshAndNewIdToken_takesNewOnes() {
    TokenSet old = expiring().refreshToken(REFRESH).idToken(ID).build();
    TokenSet fresh = TokenSet.builder("access-2").refreshToken("refresh-2").idToken("id-2").build();

    TokenSet merged = TokenSets.mergeRefreshed(old, fresh);

    assertThat(merged.refreshToken()).contains("refresh-2");
    assertThat(merged.idToken()).contains("id-2");
  }

  @Test
  void mergeRefreshed_rotatedRefreshWithoutIdToken_keepsOldIdToken() {
    TokenSet old = expiring().refreshToken(REFRESH).idToken(ID).build();
    TokenSet fresh = TokenSet.builder("access-2").refreshToken("refresh-2").build();

    TokenSet merged = TokenSets.mergeRefreshed(old, fresh);

    assertThat(merged.refreshToken()).contains("refresh-2");
    assertThat(merged.idToken()).contains(ID);
  }

  @Test
  void mergeRefreshed_freshWithoutRefreshToken_oldRefreshExpiryKeptNotFreshOne() {
    TokenSet old = expiring().refreshToken(REFRESH).build();
    TokenSet fresh = TokenSet.builder("access-2").refreshExpiresAt(EXPIRES).build();

    TokenSet merged = TokenSets.mergeRefreshed(old, fresh);

    assertThat(merged.refreshToken()).contains(REFRESH);
    assertThat(merged.refreshExpiresAt()).isEmpty();
  }

  @Test
  void sameTokens_sameAccessAndRefreshOtherTimes_same() {
    TokenSet a = expiring().refreshToken(REFRESH).build();
    TokenSet later = a.newBuilder().issuedAt(EXPIRES).expiresAt(EXPIRES.plusSeconds(300)).build();
    assertThat(TokenSets.sameTokens(a, later)).isTrue();
    assertThat(TokenSets.sameTokens(a, a.newBuilder().noRefreshToken().build())).isFalse();
    assertThat(TokenSets.sameTokens(a, TokenSet.builder("access-2").refreshToken(REFRESH).build()))
        .isFalse();
  }
}
