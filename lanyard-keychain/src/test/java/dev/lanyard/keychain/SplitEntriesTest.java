package dev.lanyard.keychain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitEntriesTest {
  @TempDir Path dir;

  private static TokenSet big(String marker) {
    return TokenSet.builder("at-" + marker + "-" + "a".repeat(3000))
        .refreshToken("rt-" + marker + "-" + "r".repeat(1500))
        .idToken("id." + "i".repeat(2000) + ".sig")
        .scope(Scope.of("openid email"))
        .issuedAt(Instant.parse("2025-01-01T10:00:00Z"))
        .expiresAt(Instant.parse("2025-01-01T10:05:00Z"))
        .build();
  }

  @Test
  void largeTokenSet_splitUnderWindowsLimit_roundTrips_oldPartsDeleted() throws Exception {
    MapSecrets secrets = new MapSecrets(1000);
    KeychainTokenStore store =
        KeychainTokenStore.over(secrets, dir.resolve("l.lock"), "acct", Duration.ofSeconds(5));

    store.save(big("one"));
    int parts = secrets.entries.size() - 1;
    assertThat(parts).isGreaterThanOrEqualTo(7);
    assertThat(store.load()).contains(big("one"));

    store.save(big("two"));
    assertThat(secrets.entries).hasSize(parts + 1);
    assertThat(store.load()).contains(big("two"));

    store.save(TokenSet.builder("small").build());
    assertThat(secrets.entries).containsOnlyKeys("acct");
    store.clear();
    assertThat(secrets.entries).isEmpty();
  }

  @Test
  void loadWhileAnotherThreadRewrites_neverTorn() throws Exception {
    MapSecrets secrets = new MapSecrets(500);
    KeychainTokenStore store =
        KeychainTokenStore.over(secrets, dir.resolve("t.lock"), "acct", Duration.ofSeconds(5));
    store.save(big("0"));
    AtomicBoolean stop = new AtomicBoolean();
    Thread writer =
        new Thread(
            () -> {
              try {
                for (int i = 1; i <= 200; i++) {
                  store.save(big(String.valueOf(i)));
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              } finally {
                stop.set(true);
              }
            });
    writer.start();
    int loads = 0;
    while (!stop.get()) {
      TokenSet t = store.load().orElseThrow();
      String marker = t.accessToken().split("-")[1];
      assertThat(t).isEqualTo(big(marker));
      loads++;
    }
    writer.join();
    assertThat(loads).isPositive();
  }

  @Test
  void unknownOrBrokenHead_loadsEmpty() throws Exception {
    MapSecrets secrets = new MapSecrets(1000);
    KeychainTokenStore store =
        KeychainTokenStore.over(secrets, dir.resolve("u.lock"), "acct", Duration.ofSeconds(5));
    secrets.entries.put("acct", "something else");
    assertThat(store.load()).isEmpty();
    secrets.entries.put("acct", "lanyard-v1 {not json");
    assertThat(store.load()).isEmpty();
    secrets.entries.put("acct", "lanyard-v1-split 0000abcd 3");
    assertThat(store.load()).as("parts missing").isEmpty();
  }
}
