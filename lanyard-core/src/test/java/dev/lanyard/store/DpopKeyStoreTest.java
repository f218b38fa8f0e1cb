package dev.lanyard.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.DpopKey;
import dev.lanyard.TokenSet;
import dev.lanyard.internal.store.TokenSetJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DPoP-bound token set keeps its key in every store: a bound refresh token needs it. */
class DpopKeyStoreTest {
  @TempDir Path dir;

  @Test
  void fileStore_roundTrip_keyKeptAsPrivateJwk() throws Exception {
    DpopKey key = DpopKey.generate();
    Path file = dir.resolve("t.json");
    FileTokenStore.at(file).save(DpopTokens.bound(key, "at"));

    TokenSet loaded = FileTokenStore.at(file).load().orElseThrow();
    assertThat(loaded).isEqualTo(DpopTokens.bound(key, "at"));
    assertThat(loaded.isDpopBound()).isTrue();
    assertThat(loaded.dpopKey().orElseThrow().thumbprint()).isEqualTo(key.thumbprint());
    assertThat(Files.readString(file)).contains("\"dpop_key\":{").contains("\"crv\":\"P-256\"");
  }

  @Test
  void json_badDpopKey_unreadable() {
    String doc =
        TokenSetJson.write(DpopTokens.bound(DpopKey.generate(), "at"))
            .replaceFirst("\"dpop_key\":\\{[^}]*}", "\"dpop_key\":{\"kty\":\"EC\"}");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TokenSetJson.read(doc))
        .isInstanceOf(TokenSetJson.Invalid.class)
        .hasMessage("dpop_key is not a private EC P-256 JWK");
  }

  @Test
  void memoryStore_keepsTheKey() throws Exception {
    TokenStore store = TokenStore.memory();
    DpopKey key = DpopKey.generate();
    store.save(DpopTokens.bound(key, "at"));
    assertThat(store.load().orElseThrow().dpopKey()).contains(key);
  }
}
