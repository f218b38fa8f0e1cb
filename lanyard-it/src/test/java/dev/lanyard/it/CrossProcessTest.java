package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.TokenSet;
import dev.lanyard.store.FileTokenStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight JVMs share one token file for over a minute while 10-second access tokens expire and
 * Keycloak rotates the refresh token on every use: every call succeeds, no refresh token is ever
 * presented twice, and the refreshes number the expiries, not eight times that.
 */
class CrossProcessTest {
  private static final int PROCESSES = 8;
  private static final int SECONDS = 65;

  /** cli-short: 10 s tokens; workers use skew 2 s and refresh-ahead 1 s: a refresh every ~7 s. */
  private static final double REFRESH_PERIOD = 7.0;

  private static final Pattern RESULT =
      Pattern.compile("RESULT calls=(\\d+) failures=(\\d+) rejected=(\\d+) tokens=(\\d+)");

  @Test
  void refresh_eightProcessesOneFile_oneRefreshPerExpiryNoInvalidGrant(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("tokens.json");
    TokenSet initial = Kc.alice("cli-short").build().token();
    FileTokenStore.at(file).save(initial);
    int refreshesBefore = Kc.kc().countEvents("REFRESH_TOKEN");
    int errorsBefore = Kc.kc().countEvents("REFRESH_TOKEN_ERROR");

    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < PROCESSES; i++) {
      processes.add(start(file, dir.resolve("worker-" + i + ".log")));
    }
    int totalCalls = 0;
    for (int i = 0; i < PROCESSES; i++) {
      Process p = processes.get(i);
      assertThat(p.waitFor(SECONDS + 60, TimeUnit.SECONDS)).as("worker %d finished", i).isTrue();
      String out = Files.readString(dir.resolve("worker-" + i + ".log"), StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as("worker %d exit, output:%n%s", i, out).isZero();
      Matcher m = RESULT.matcher(out);
      assertThat(m.find()).as("worker %d result line in:%n%s", i, out).isTrue();
      assertThat(Integer.parseInt(m.group(2))).as("failures of worker %d:%n%s", i, out).isZero();
      assertThat(Integer.parseInt(m.group(3)))
          .as("tokens rejected by userinfo, worker %d", i)
          .isZero();
      totalCalls += Integer.parseInt(m.group(1));
    }
    int refreshes = Kc.kc().countEvents("REFRESH_TOKEN") - refreshesBefore;
    int expected = (int) Math.round(SECONDS / REFRESH_PERIOD);
    assertThat(Kc.kc().countEvents("REFRESH_TOKEN_ERROR")).isEqualTo(errorsBefore);
    assertThat(totalCalls).isGreaterThan(PROCESSES * SECONDS); // they really were busy
    assertThat(refreshes).isBetween(expected - 3, expected + 3);
  }

  private static Process start(Path file, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            CrossProcessWorker.class.getName(),
            file.toString(),
            Kc.kc().issuer(),
            "cli-short",
            Integer.toString(SECONDS))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }
}
