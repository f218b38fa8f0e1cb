package dev.lanyard.it.login;

import static dev.lanyard.it.login.BrowserLoginTest.assertAlice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.InvalidTokenException;
import dev.lanyard.LoginTimeoutException;
import dev.lanyard.it.support.Browser;
import dev.lanyard.login.BrowserLogin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What the loopback callback refuses or survives while a real sign-in waits. */
class CallbackSecurityTest extends SignInTestBase {

  @Test
  void browserLogin_nobodySignsInWithin2s_loginTimeoutQuicklyPortFreed() throws Exception {
    CompletableFuture<URI> handed = new CompletableFuture<>();
    BrowserLogin login =
        Lab.browserLogin("cli")
            .loopback(
                Lab.loopbackOptions()
                    .withTimeout(Duration.ofSeconds(2))
                    .withLauncher(handed::complete))
            .build();
    long begin = System.nanoTime();

    assertThatThrownBy(login::login)
        .isInstanceOf(LoginTimeoutException.class)
        .hasMessageContaining("2 s");

    assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(6));
    int port = Lab.redirectUri(handed.getNow(null)).getPort();
    assertThat(Lab.canBind(port)).as("port %d freed", port).isTrue();
  }

  @Test
  void browserLogin_forgedCallbackWrongState_refused400ThenRealSignInCompletes() throws Exception {
    BrowserLogin login =
        Lab.browserLogin("cli").loopback(Lab.loopbackOptions().withLauncher(uri -> {})).build();
    try (Browser browser = Browser.start()) {
      URI url = login.start();
      URI forged = URI.create(Lab.redirectUri(url) + "?code=forged&state=wrong");

      HttpResponse<String> answer = Lab.get(forged);

      assertThat(answer.statusCode()).isEqualTo(400);
      assertThat(answer.body()).contains("state mismatch");
      browser.open(url);
      Person.alice().signsInAtLoopback(browser);
      assertAlice(login.await());
    } finally {
      login.cancel();
    }
  }

  @Test
  void browserLogin_callbackFromAnotherIssuer_invalidTokenRfc9207() throws Exception {
    List<HttpResponse<String>> answers = new ArrayList<>();
    BrowserLogin login =
        Lab.browserLogin("cli")
            .loopback(
                Lab.loopbackOptions()
                    .withLauncher(
                        url -> {
                          // An attacker's callback that carries the right state but another issuer.
                          String state = Lab.query(url).get("state");
                          URI forged =
                              URI.create(
                                  Lab.redirectUri(url)
                                      + "?code=forged&state="
                                      + URLEncoder.encode(state, StandardCharsets.UTF_8)
                                      + "&iss="
                                      + URLEncoder.encode(
                                          "https://evil.example", StandardCharsets.UTF_8));
                          try {
                            answers.add(Lab.get(forged));
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IOException(e);
                          }
                        }))
            .build();

    assertThatThrownBy(login::login)
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("https://evil.example")
        .hasMessageContaining("RFC 9207");

    assertThat(answers)
        .singleElement()
        .satisfies(a -> assertThat(a.body()).contains("Sign-in failed"));
  }

  @Test
  void browserLogin_garbageAndSilentConnectionsOpen_realSignInCompletes() throws Exception {
    BrowserLogin login =
        Lab.browserLogin("cli").loopback(Lab.loopbackOptions().withLauncher(uri -> {})).build();
    List<Socket> sockets = new ArrayList<>();
    try (Browser browser = Browser.start()) {
      URI url = login.start();
      int port = Lab.redirectUri(url).getPort();
      Random random = new Random(42);
      for (int i = 0; i < 20; i++) {
        sockets.add(garbage(port, random, i));
      }
      Socket silent = new Socket(Lab.loopback(), port);
      sockets.add(silent);

      browser.open(url);
      Person.alice().signsInAtLoopback(browser);
      assertAlice(login.await());

      // The server is gone with the sign-in: the silent connection was never served, only closed.
      silent.setSoTimeout(5_000);
      assertThat(silent.getInputStream().read()).isEqualTo(-1);
      assertThat(Lab.canBind(port)).isTrue();
    } finally {
      login.cancel();
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  /** A connection that sends junk: bytes without a line end, a junk head, or an oversized head. */
  private static Socket garbage(int port, Random random, int i) {
    Socket s;
    try {
      s = new Socket(Lab.loopback(), port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      byte[] junk = new byte[i % 3 == 2 ? 20_000 : 64 + random.nextInt(512)];
      random.nextBytes(junk);
      for (int k = 0; k < junk.length; k++) {
        if (junk[k] == '\n') {
          junk[k] = 'x'; // a line end could end the head early; these stay incomplete
        }
      }
      s.getOutputStream().write(junk);
      if (i % 3 == 1) {
        s.getOutputStream().write("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      s.getOutputStream().flush();
    } catch (IOException e) {
      // The server may drop a junk connection while it is still being written: that is fine.
    }
    return s;
  }
}
