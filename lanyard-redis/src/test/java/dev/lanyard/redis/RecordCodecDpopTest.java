package dev.lanyard.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.DpopKey;
import dev.lanyard.TokenSet;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A DPoP-bound token set keeps its key in a Redis record, in clear or sealed, in the token file's
 * form (RFC 9449); a record whose key is not a private P-256 JWK is ignored, not half-read.
 */
class RecordCodecDpopTest {
  private static final String DATA_KEY = "lanyard:tokens:test";

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
  void roundTrip_inClearAndSealed_dpopKeyKept() throws Exception {
    DpopKey key = DpopKey.generate();
    StoreKeys keys = StoreKeys.parse(StoreKeys.generate());

    TokenSet clear =
        RecordCodec.decode(RecordCodec.encode(bound(key), null, DATA_KEY), null, DATA_KEY)
            .orElseThrow();
    TokenSet sealed =
        RecordCodec.decode(RecordCodec.encode(bound(key), keys, DATA_KEY), keys, DATA_KEY)
            .orElseThrow();

    assertThat(clear).isEqualTo(bound(key));
    assertThat(sealed).isEqualTo(bound(key));
    assertThat(sealed.isDpopBound()).isTrue();
  }

  @Test
  void decode_badDpopKey_ignored() throws Exception {
    String record =
        RecordCodec.encode(bound(DpopKey.generate()), null, DATA_KEY)
            .replaceFirst("\"dpop_key\":\\{[^}]*}", "\"dpop_key\":{\"kty\":\"EC\"}");

    assertThat(RecordCodec.decode(record, null, DATA_KEY)).isEmpty();
  }
}
