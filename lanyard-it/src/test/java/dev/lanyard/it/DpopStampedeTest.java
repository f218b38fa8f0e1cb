package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.session.TokenSession;
import dev.lanyard.store.FileTokenStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sixteen JVMs share one DPoP token file whose access token has expired: one refresh between them
 * (made with the key from the file, since the refresh token is bound to it), and every process's
 * userinfo call succeeds with a proof from that key.
 */
class DpopStampedeTest {
  private static final int PROCESSES = 16;
  private static final String CLIENT = "cli-dpop";

  @Test
  void refresh_sixteenProcessesOneDpopFileAtExpiry_oneRefreshAllSucceed(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("tokens.json");
    TokenSet signedIn =
        TokenSession.builder()
            .issuer(Kc.issuer())
            .client(ClientAuthentication.none(CLIENT))
            .grant(Grant.password("alice", "alice-password").withScope(Scope.of("openid")))
            .dpop(true)
            .build()
            .token();
    String jkt = signedIn.dpopKey().orElseThrow().thumbprint();
    // Stored as expired: every process must renew, and only one may.
    FileTokenStore.at(file)
        .save(signedIn.newBuilder().expiresAt(Instant.now().minusSeconds(1)).build());
    int refreshesBefore = Kc.kc().countEvents("REFRESH_TOKEN");
    int errorsBefore = Kc.kc().countEvents("REFRESH_TOKEN_ERROR");

    List<Process> processes = new ArrayList<>();
    List<BufferedReader> outputs = new ArrayList<>();
    try {
      for (int i = 0; i < PROCESSES; i++) {
        Process p = start(file);
        processes.add(p);
        outputs.add(
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
      }
      for (BufferedReader out : outputs) {
        assertThat(line(out)).isEqualTo("READY");
      }
      for (Process p : processes) {
        OutputStream in = p.getOutputStream();
        in.write("go\n".getBytes(StandardCharsets.US_ASCII));
        in.flush();
      }
      for (int i = 0; i < PROCESSES; i++) {
        assertThat(line(outputs.get(i)))
            .as("worker %d", i)
            .isEqualTo("RESULT status=200 bound=true jkt=" + jkt);
        assertThat(processes.get(i).waitFor(60, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      processes.forEach(Process::destroyForcibly);
    }
    assertThat(Kc.kc().countEvents("REFRESH_TOKEN")).isEqualTo(refreshesBefore + 1);
    assertThat(Kc.kc().countEvents("REFRESH_TOKEN_ERROR")).isEqualTo(errorsBefore);
  }

  /** The next line a worker prints, within a minute. */
  private static String line(BufferedReader out) throws Exception {
    return CompletableFuture.supplyAsync(
            () -> {
              try {
                String l;
                do {
                  l = out.readLine();
                } while (l != null && !l.startsWith("READY") && !l.startsWith("RESULT"));
                return l;
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            })
        .get(60, TimeUnit.SECONDS);
  }

  private static Process start(Path file) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            DpopStampedeWorker.class.getName(),
            file.toString(),
            Kc.kc().issuer(),
            CLIENT)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }
}
