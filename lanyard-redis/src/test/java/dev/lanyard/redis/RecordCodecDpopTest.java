package dev.lanyard.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.DpopKey;
import dev.lanyard.TokenSet;
import dev.lanyard.store.DpopTokens;
import org.junit.jupiter.api.Test;

/**
 * A DPoP-bound token set keeps its key in a Redis record, in clear or sealed, in the token file's
 * form (RFC 9449); a record whose key is not a private P-256 JWK is ignored, not half-read.
 */
class RecordCodecDpopTest {
  private static final String DATA_KEY = "lanyard:tokens:test";

  @Test
  void roundTrip_inClearAndSealed_dpopKeyKept() throws Exception {
    DpopKey key = DpopKey.generate();
    StoreKeys keys = StoreKeys.parse(StoreKeys.generate());

    TokenSet clear =
        RecordCodec.decode(
                RecordCodec.encode(DpopTokens.bound(key, "at"), null, DATA_KEY), null, DATA_KEY)
            .orElseThrow();
    TokenSet sealed =
        RecordCodec.decode(
                RecordCodec.encode(DpopTokens.bound(key, "at"), keys, DATA_KEY), keys, DATA_KEY)
            .orElseThrow();

    assertThat(clear).isEqualTo(DpopTokens.bound(key, "at"));
    assertThat(sealed).isEqualTo(DpopTokens.bound(key, "at"));
    assertThat(sealed.isDpopBound()).isTrue();
  }

  @Test
  void decode_badDpopKey_ignored() throws Exception {
    String record =
        RecordCodec.encode(DpopTokens.bound(DpopKey.generate(), "at"), null, DATA_KEY)
            .replaceFirst("\"dpop_key\":\\{[^}]*}", "\"dpop_key\":{\"kty\":\"EC\"}");

    assertThat(RecordCodec.decode(record, null, DATA_KEY)).isEmpty();
  }
}
