package dev.lanyard.it.cli;

import static dev.lanyard.it.cli.KeycloakLab.ALICE_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.Keycloak;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sixteen {@code ./lanyard token} processes started together the moment the stored access token
 * falls due, on client cli-short (10 s tokens) in a realm that rotates refresh tokens: every one
 * prints a valid token, and Keycloak saw exactly one refresh.
 *
 * <p>Keycloak checks refresh-token reuse in whole seconds, so a second refresh with the same token
 * in the same second would be accepted, not refused: only the count of its REFRESH_TOKEN events
 * tells one refresh from two.
 */
class ConcurrentTokenProcessesTest {
  private static final int PROCESSES = 16;

  /**
   * The profile's {@code skew}: a token is due this long before it expires. Set explicitly (the
   * default, 30 s, is more than a 10 s token's life) so the due moment is known, and small so the
   * refreshed token stays good for 9 s, longer than 16 JVMs take to start on two busy cores.
   */
  private static final Duration SKEW = Duration.ofSeconds(1);

  @Test
  void token_16ProcessesAtExpiry_allPrintTheSameValidToken_oneRefreshAtKeycloak(@TempDir Path tmp)
      throws Exception {
    Launcher lanyard = new Launcher(tmp);
    KeycloakLab.signInAlice(lanyard, Keycloak.CLIENT_CLI_SHORT);
    Run skew = lanyard.run("profile", "set", "default", "skew=" + SKEW.toSeconds() + "s");
    assertThat(skew.code()).as(skew.toString()).isZero();
    Run before = lanyard.run("token", "--format", "json");
    assertThat(before.code()).as(before.toString()).isZero();
    String oldToken = (String) before.json().get("access_token");
    long expiresAt = ((Number) before.json().get("expires_at")).longValue();
    int refreshes = Keycloak.get().countEvents("REFRESH_TOKEN");
    int refreshErrors = Keycloak.get().countEvents("REFRESH_TOKEN_ERROR");
    int logins = Keycloak.get().countEvents("LOGIN");

    // expires_at is in whole seconds, the stored expiry exact: due at (expires_at + 1 s) - skew at
    // the latest. The only sleep of these tests, and it waits for the provider's real expiry.
    Instant due = Instant.ofEpochSecond(expiresAt + 1).minus(SKEW).plusMillis(200);
    Duration wait = Duration.between(Instant.now(), due);
    assertThat(wait).as("a 10 s token").isLessThan(Duration.ofSeconds(11));
    if (!wait.isNegative()) {
      Thread.sleep(wait.toMillis());
    }

    List<Run> runs = startTogether(lanyard);

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
  }

  /** Starts the processes from 16 threads released by one latch; awaits each with a deadline. */
  private static List<Run> startTogether(Launcher lanyard) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(PROCESSES);
    try {
      CountDownLatch ready = new CountDownLatch(PROCESSES);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Running>> started = new ArrayList<>();
      for (int i = 0; i < PROCESSES; i++) {
        started.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  if (!go.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("never released");
                  }
                  return lanyard.start("token");
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
