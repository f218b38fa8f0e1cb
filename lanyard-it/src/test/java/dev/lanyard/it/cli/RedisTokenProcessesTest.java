package dev.lanyard.it.cli;

import static dev.lanyard.it.cli.KeycloakLab.ALICE_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.Keycloak;
import dev.lanyard.redis.RedisServer;
import dev.lanyard.redis.StoreKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sixteen {@code ./lanyard token} processes, each with its own {@code LANYARD_HOME} (nothing shared
 * on disk), whose one profile says {@code store: redis://…}, started together the moment the stored
 * access token falls due, on client cli-short (10 s tokens, refresh tokens rotated): every one
 * prints the same new token and Keycloak saw exactly one refresh. The same as {@link
 * ConcurrentTokenProcessesTest}, with Redis's fleet-wide lock in place of the token file's.
 */
class RedisTokenProcessesTest {
  private static final int PROCESSES = 16;
  private static final Duration SKEW = Duration.ofSeconds(1);
  private static final String KEY = StoreKeys.generate();

  @Test
  void token_16HomesOneRedisProfileAtExpiry_sameNewTokenOneRefreshAtKeycloak(@TempDir Path tmp)
      throws Exception {
    String redis = RedisServer.shared().uri();
    List<Launcher> homes = new ArrayList<>();
    for (int i = 0; i < PROCESSES; i++) {
      homes.add(new Launcher(tmp.resolve("machine-" + i)).env("LANYARD_STORE_KEY", KEY));
    }
    Launcher first = homes.get(0);
    KeycloakLab.signInAlice(first, Keycloak.CLIENT_CLI_SHORT, "--store", redis);
    Run skew = first.run("profile", "set", "default", "skew=" + SKEW.toSeconds() + "s");
    assertThat(skew.code()).as(skew.toString()).isZero();
    // The other machines get the profile (issuer, client, store), not the tokens.
    for (Launcher other : homes.subList(1, PROCESSES)) {
      Files.createDirectories(other.home());
      Files.copy(first.configFile(), other.configFile());
    }
    Run before = homes.get(PROCESSES - 1).run("token", "--format", "json");
    assertThat(before.code()).as(before.toString()).isZero();
    String oldToken = (String) before.json().get("access_token");
    long expiresAt = ((Number) before.json().get("expires_at")).longValue();
    int refreshes = Keycloak.get().countEvents("REFRESH_TOKEN");
    int refreshErrors = Keycloak.get().countEvents("REFRESH_TOKEN_ERROR");
    int logins = Keycloak.get().countEvents("LOGIN");

    // As in ConcurrentTokenProcessesTest: waits for the provider's real expiry, nothing else.
    Instant due = Instant.ofEpochSecond(expiresAt + 1).minus(SKEW).plusMillis(200);
    Duration wait = Duration.between(Instant.now(), due);
    assertThat(wait).as("a 10 s token").isLessThan(Duration.ofSeconds(11));
    if (!wait.isNegative()) {
      Thread.sleep(wait.toMillis());
    }

    List<Run> runs = startTogether(homes);

    for (Run r : runs) {
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.out()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+\n");
    }
    List<String> tokens = runs.stream().map(r -> r.out().strip()).distinct().toList();
    assertThat(tokens).as("one refresh, one new token for all").hasSize(1).doesNotContain(oldToken);
    assertThat(KeycloakLab.userinfoEmail(tokens.get(0))).isEqualTo(ALICE_EMAIL);
    assertThat(Keycloak.get().countEvents("REFRESH_TOKEN"))
        .as("refreshes at Keycloak")
        .isEqualTo(refreshes + 1);
    assertThat(Keycloak.get().countEvents("REFRESH_TOKEN_ERROR")).isEqualTo(refreshErrors);
    assertThat(Keycloak.get().countEvents("LOGIN")).as("no new sign-in").isEqualTo(logins);
    for (Launcher home : homes) {
      assertThat(filesHolding(home.home(), tokens.get(0)))
          .as("the token on disk in %s", home.home())
          .isEmpty();
    }
  }

  private static List<Path> filesHolding(Path dir, String text) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              f -> {
                try {
                  return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)
                      .contains(text);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .toList();
    }
  }

  /** One process per home, started from 16 threads released by one latch. */
  private static List<Run> startTogether(List<Launcher> homes) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(homes.size());
    try {
      CountDownLatch ready = new CountDownLatch(homes.size());
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Running>> started = new ArrayList<>();
      for (Launcher home : homes) {
        started.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  if (!go.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("never released");
                  }
                  return home.start("token");
                }));
      }
      assertThat(ready.await(30, TimeUnit.SECONDS)).as("all threads ready").isTrue();
      go.countDown();
      List<Running> processes = new ArrayList<>();
      for (Future<Running> f : started) {
        processes.add(f.get(30, TimeUnit.SECONDS));
      }
      List<Run> runs = new ArrayList<>();
      try {
        for (Running p : processes) {
          runs.add(p.await(Launcher.TIMEOUT));
        }
      } finally {
        processes.forEach(Running::close);
      }
      return runs;
    } finally {
      pool.shutdownNow();
    }
  }
}
