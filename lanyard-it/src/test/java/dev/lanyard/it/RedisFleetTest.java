package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.redis.RedisServer;
import dev.lanyard.redis.RedisStore;
import dev.lanyard.redis.RedisTokenStore;
import dev.lanyard.redis.StoreKeys;
import dev.lanyard.session.TokenSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas that share nothing but Redis (separate JVMs, separate temp folders, no shared file),
 * against the real Keycloak with 10-second access tokens and refresh-token rotation.
 */
class RedisFleetTest {
  private static final int PROCESSES = 8;
  private static final int SECONDS = 35;

  /** cli-short: 10 s tokens; workers use skew 2 s and refresh-ahead 1 s: a refresh every ~7 s. */
  private static final double REFRESH_PERIOD = 7.0;

  private static final String KEY = StoreKeys.generate();

  private static final Pattern RESULT =
      Pattern.compile("RESULT calls=(\\d+) failures=(\\d+) rejected=(\\d+) tokens=(\\d+)");

  @Test
  void refresh_eightJvmsOneRedis_oneRefreshPerExpiryNoInvalidGrant(@TempDir Path dir)
      throws Exception {
    String id = UUID.randomUUID().toString();
    try (RedisStore redis = RedisFleetWorker.connect(RedisServer.shared().uri(), KEY)) {
      redis.forKey(id).save(Kc.alice("cli-short").build().token());
    }
    int refreshesBefore = Kc.kc().countEvents("REFRESH_TOKEN");
    int errorsBefore = Kc.kc().countEvents("REFRESH_TOKEN_ERROR");

    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < PROCESSES; i++) {
      Path home = Files.createDirectories(dir.resolve("replica-" + i));
      processes.add(start("run", id, home, home.resolve("worker.log")));
    }
    int totalCalls = 0;
    for (int i = 0; i < PROCESSES; i++) {
      Process p = processes.get(i);
      assertThat(p.waitFor(SECONDS + 60, TimeUnit.SECONDS)).as("worker %d finished", i).isTrue();
      String out =
          Files.readString(
              dir.resolve("replica-" + i).resolve("worker.log"), StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as("worker %d exit, output:%n%s", i, out).isZero();
      Matcher m = RESULT.matcher(out);
      assertThat(m.find()).as("worker %d result line in:%n%s", i, out).isTrue();
      assertThat(Integer.parseInt(m.group(2))).as("failures of worker %d:%n%s", i, out).isZero();
      assertThat(Integer.parseInt(m.group(3))).as("rejected tokens, worker %d", i).isZero();
      totalCalls += Integer.parseInt(m.group(1));
    }
    int refreshes = Kc.kc().countEvents("REFRESH_TOKEN") - refreshesBefore;
    int expected = (int) Math.round(SECONDS / REFRESH_PERIOD);
    assertThat(Kc.kc().countEvents("REFRESH_TOKEN_ERROR"))
        .as("invalid_grant")
        .isEqualTo(errorsBefore);
    assertThat(totalCalls).isGreaterThan(PROCESSES * SECONDS); // they really were busy
    assertThat(refreshes).isBetween(expected - 2, expected + 2);
  }

  /**
   * A replica killed with kill -9 inside the fleet-wide section never releases the lock: another
   * replica whose token has expired gets in when the lease ends and makes the one refresh.
   */
  @Test
  void refresh_holderKilledInsideSection_otherReplicaRefreshesAfterLease(@TempDir Path dir)
      throws Exception {
    String id = UUID.randomUUID().toString();
    try (RedisStore redis = RedisFleetWorker.connect(RedisServer.shared().uri(), KEY)) {
      RedisTokenStore store = redis.forKey(id);
      TokenSet initial = Kc.alice("cli-short").build().token();
      // Stored as due, so the next caller must refresh.
      store.save(initial.newBuilder().expiresAt(Instant.now().minusSeconds(1)).build());

      Process holder = start("hold", id, dir, dir.resolve("holder.log"));
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(
                  Files.newInputStream(awaitLine(dir.resolve("holder.log"), "HOLDING")),
                  StandardCharsets.UTF_8))) {
        assertThat(out.readLine()).isNotNull();
      }
      holder.destroyForcibly(); // SIGKILL: no release, no shutdown hook
      assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();

      int refreshesBefore = Kc.kc().countEvents("REFRESH_TOKEN");
      TokenSession session =
          TokenSession.builder()
              .issuer(Kc.issuer())
              .client(ClientAuthentication.none("cli-short"))
              .store(store)
              .waitTimeout(Duration.ofSeconds(30))
              .build();
      TokenSet refreshed = session.token();
      assertThat(refreshed.accessToken()).isNotEqualTo(initial.accessToken());
      assertThat(Kc.userinfoStatus(refreshed)).isEqualTo(200);
      assertThat(Kc.kc().countEvents("REFRESH_TOKEN") - refreshesBefore).isEqualTo(1);
      assertThat(store.load()).contains(refreshed);
    }
  }

  private static Path awaitLine(Path log, String line) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(log) || !Files.readString(log).contains(line)) {
      assertThat(System.nanoTime()).as("%s printed %s", log, line).isLessThan(deadline);
      Thread.onSpinWait();
    }
    return log;
  }

  private static Process start(String mode, String id, Path home, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                java,
                "-Duser.home=" + home,
                "-Djava.io.tmpdir=" + home,
                "-cp",
                System.getProperty("java.class.path"),
                RedisFleetWorker.class.getName(),
                mode,
                RedisServer.shared().uri(),
                Kc.kc().issuer(),
                "cli-short",
                Integer.toString(SECONDS),
                id)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("FLEET_STORE_KEY", KEY);
    return pb.start();
  }
}
