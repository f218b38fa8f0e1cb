package dev.lanyard.keychain;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.lanyard.TokenSet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 8 processes share one keychain entry; each time its access token has expired, all 8 ask for a
 * token at once, and exactly one refresh reaches the token endpoint, which rotates the refresh
 * token and rejects a rotated-out one (as Keycloak does). Linux only: the real GNOME Keyring.
 */
class CrossProcessKeyringTest {
  private static final int PROCESSES = 8;
  private static final int EXPIRIES = 3;

  @TempDir Path dir;
  private final List<Process> children = new ArrayList<>();
  private HttpServer server;

  @AfterEach
  void stop() {
    children.forEach(Process::destroyForcibly);
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // reads from children
  void eightProcesses_eachExpiry_oneRefresh_noRotatedOutTokenPresented() throws Exception {
    AtomicInteger refreshes = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    String[] current = {"rt-0"};
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/token",
        exchange -> {
          Map<String, String> form =
              form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          String body;
          int status;
          synchronized (current) {
            if ("refresh_token".equals(form.get("grant_type"))
                && current[0].equals(form.get("refresh_token"))) {
              int n = refreshes.incrementAndGet();
              current[0] = "rt-" + n;
              status = 200;
              body =
                  "{\"access_token\":\"at-"
                      + n
                      + "\",\"token_type\":\"Bearer\",\"expires_in\":300,\"refresh_token\":\""
                      + current[0]
                      + "\"}";
            } else {
              rejected.incrementAndGet();
              status = 400;
              body = "{\"error\":\"invalid_grant\"}";
            }
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    String endpoint = "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    Path lock = dir.resolve("shared.lock");
    String account = "cross-process-" + System.nanoTime();
    KeychainTokenStore store = KeychainTokenStore.open(lock, account);

    List<PrintWriter> inputs = new ArrayList<>();
    List<BufferedReader> outputs = new ArrayList<>();
    for (int i = 0; i < PROCESSES; i++) {
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  RefreshChild.class.getName(),
                  lock.toString(),
                  account,
                  endpoint)
              .redirectError(dir.resolve("child-" + i + ".err").toFile())
              .start();
      children.add(p);
      inputs.add(new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8));
      outputs.add(
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
    }
    for (BufferedReader out : outputs) {
      assertThat(out.readLine()).as("child started; see child-N.err").isEqualTo("ready");
    }

    for (int round = 1; round <= EXPIRIES; round++) {
      String refresh;
      synchronized (current) {
        refresh = current[0];
      }
      store.save(
          TokenSet.builder("expired-" + round)
              .refreshToken(refresh)
              .issuedAt(Instant.now().minusSeconds(600))
              .expiresAt(Instant.now().minusSeconds(300))
              .build());
      for (PrintWriter in : inputs) {
        in.println("token");
      }
      Set<String> answers = new HashSet<>();
      for (BufferedReader out : outputs) {
        answers.add(out.readLine());
      }
      assertThat(answers).as("round " + round).containsExactly("at-" + round);
      assertThat(refreshes.get()).as("refreshes after round " + round).isEqualTo(round);
    }
    assertThat(rejected.get()).as("rotated-out refresh tokens presented").isZero();
    inputs.forEach(PrintWriter::close);
    for (Process p : children) {
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("child exits when its input closes").isTrue();
      assertThat(p.exitValue()).isZero();
    }
  }

  private static Map<String, String> form(String body) throws IOException {
    Map<String, String> m = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        m.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return m;
  }
}
