package dev.lanyard.keychain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.DpopKey;
import dev.lanyard.TokenSet;
import dev.lanyard.store.DpopTokens;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DPoP-bound token set keeps its private key in the keychain entry, in the token file's form (RFC
 * 9449): without it the tokens could not be used. Also when the entry is split.
 */
class KeychainDpopTest {
  @TempDir Path dir;

  private static TokenSet bound(DpopKey key, int padding) {
    return DpopTokens.bound(key, "at-" + "a".repeat(padding));
  }

  @Test
  void save_dpopBound_loadKeepsTheKey_inOneEntryAndSplit() throws Exception {
    DpopKey key = DpopKey.generate();
    MapSecrets secrets = new MapSecrets(1000);
    KeychainTokenStore store =
        KeychainTokenStore.over(secrets, dir.resolve("a.lock"), "acct", Duration.ofSeconds(5));

    store.save(bound(key, 0));
    TokenSet small = store.load().orElseThrow();
    store.save(bound(key, 3000));
    TokenSet split = store.load().orElseThrow();

    assertThat(small).isEqualTo(bound(key, 0));
    assertThat(small.isDpopBound()).isTrue();
    assertThat(small.dpopKey()).contains(key);
    assertThat(split).isEqualTo(bound(key, 3000));
    assertThat(secrets.entries.size()).as("split over several entries").isGreaterThan(2);
  }
}
