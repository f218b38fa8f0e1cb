package dev.lanyard.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.DpopKey;
import dev.lanyard.TokenSet;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A DPoP-bound token set keeps its key in a Redis record, as in the token file (RFC 9449). */
class TokenRecordDpopTest {
  private static TokenSet bound(DpopKey key) {
    return TokenSet.builder("at")
        .tokenType("DPoP")
        .refreshToken("rt")
        .issuedAt(Instant.parse("2025-01-01T10:00:00Z"))
        .expiresAt(Instant.parse("2025-01-01T10:05:00Z"))
        .dpopKey(key)
        .build();
  }

  @Test
  void roundTrip_dpopKeyKept() throws Exception {
    DpopKey key = DpopKey.generate();
    TokenSet read = TokenRecord.read(TokenRecord.write(bound(key)));
    assertThat(read).isEqualTo(bound(key));
    assertThat(read.isDpopBound()).isTrue();
  }

  @Test
  void read_badDpopKey_invalid() {
    String doc =
        TokenRecord.write(bound(DpopKey.generate()))
            .replaceFirst("\"dpop_key\":\\{[^}]*}", "\"dpop_key\":{\"kty\":\"EC\"}");
    assertThatThrownBy(() -> TokenRecord.read(doc))
        .isInstanceOf(TokenRecord.Invalid.class)
        .hasMessage("dpop_key is not a private EC P-256 JWK");
  }
}
