package dev.lanyard.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.AuthorizationDeniedException;
import dev.lanyard.LoginTimeoutException;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.internal.loopback.CallbackServer;
import dev.lanyard.login.Browser;
import dev.lanyard.login.BrowserLauncher;
import dev.lanyard.login.LoopbackOptions;
import java.io.IOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A provider plug-in on the loopback callback server, with real sockets; tests play the provider.
 */
@Timeout(30)
class ProviderBrowserLoginTest {
  private final List<String> printed = Collections.synchronizedList(new ArrayList<>());
  private final ToyProvider provider = new ToyProvider();
  private ProviderBrowserLogin<Credentials> login;

  @AfterEach
  void tearDown() {
    if (login != null) {
      login.cancel();
    }
  }

  private ProviderBrowserLogin.Builder<Credentials> builder() {
    return ProviderBrowserLogin.builder(provider).loopback(options());
  }

  private LoopbackOptions options() {
    return LoopbackOptions.defaults()
        .withPort(0)
        .withLauncher(BrowserLauncher.NONE)
        .withPrinter(printed::add);
  }

  private URI start(ProviderBrowserLogin.Builder<Credentials> b) throws IOException {
    login = b.build();
    return ToyProvider.callback(login.start());
  }

  private static URI with(URI callback, String query) {
    return URI.create(callback + "?" + query);
  }

  @Test
  void login_callbackWithUserAndCode_credentialsAndPortClosed() throws Exception {
    URI callback = start(builder());
    assertThat(callback.getHost()).isEqualTo("127.0.0.1");
    assertThat(printed).anyMatch(line -> line.contains(ToyProvider.LOGIN.toString()));

    HttpResponse<String> page = Browser.get(with(callback, "user=ada&code=c1"));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Signed in");
    assertThat(login.await()).isEqualTo(ToyProvider.credentials("ada", "t-c1"));
    Browser.awaitPortClosed(callback.getPort());
  }

  @Test
  void start_defaultPath_randomForEachSignIn() throws Exception {
    URI first = start(builder());
    login.cancel();
    URI second = start(builder());

    assertThat(first.getPath()).startsWith("/callback/").hasSizeGreaterThan(40);
    assertThat(second.getPath()).startsWith("/callback/").isNotEqualTo(first.getPath());
  }

  @Test
  void start_fixedPath_callbackUsesIt() throws Exception {
    URI callback = start(builder().loopback(options().withCallbackPath("/labarchives/done")));

    assertThat(callback.getPath()).isEqualTo("/labarchives/done");
  }

  @Test
  void start_noPortSet_providersDefaultPort() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    login =
        ProviderBrowserLogin.builder(new ToyProvider(port))
            .loopback(
                LoopbackOptions.defaults()
                    .withLauncher(BrowserLauncher.NONE)
                    .withPrinter(printed::add))
            .build();

    assertThat(ToyProvider.callback(login.start()).getPort()).isEqualTo(port);
  }

  @Test
  void start_fixedPortInUse_bindExceptionNamesIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, CallbackServer.LOOPBACK)) {
      login = builder().loopback(options().withPort(taken.getLocalPort())).build();

      assertThatThrownBy(login::start)
          .isInstanceOf(BindException.class)
          .hasMessageContaining("port " + taken.getLocalPort())
          .hasMessageContaining("already in use");
    }
  }

  @Test
  void callback_missingParameter_400AndTheWaitGoesOn() throws Exception {
    URI callback = start(builder());

    HttpResponse<String> noCode = Browser.get(with(callback, "user=ada"));
    HttpResponse<String> noUser = Browser.get(with(callback, "code=c1"));
    HttpResponse<String> nothing = Browser.get(callback);

    assertThat(noCode.statusCode()).isEqualTo(400);
    assertThat(noCode.body()).contains("no code parameter").contains("still waiting");
    assertThat(noUser.statusCode()).isEqualTo(400);
    assertThat(nothing.statusCode()).isEqualTo(400);
    assertThat(Browser.get(with(callback, "user=ada&code=c2")).statusCode()).isEqualTo(200);
    assertThat(login.await().require("token")).isEqualTo("t-c2");
    assertThat(provider.redeemed).hasValue(1);
  }

  @Test
  void callback_wrongPath_404AndTheWaitGoesOn() throws Exception {
    URI callback = start(builder());
    URI wrong = callback.resolve("/callback/guessed?user=eve&code=c1");

    assertThat(Browser.get(wrong).statusCode()).isEqualTo(404);
    assertThat(Browser.get(callback.resolve("/favicon.ico")).statusCode()).isEqualTo(404);
    assertThat(Browser.get(with(callback, "user=ada&code=c3")).statusCode()).isEqualTo(200);
    assertThat(login.await().require("user")).isEqualTo("ada");
  }

  @Test
  void callback_garbageAndPost_refusedAndTheWaitGoesOn() throws Exception {
    URI callback = start(builder());
    int port = callback.getPort();

    assertThat(Browser.raw(port, "\u0000\u0001garbage\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(
            Browser.raw(
                port,
                "POST "
                    + callback.getPath()
                    + "?user=ada&code=c1 HTTP/1.1\r\nHost: 127.0.0.1:"
                    + port
                    + "\r\n\r\n"))
        .startsWith("HTTP/1.1 405 ");
    assertThat(Browser.get(with(callback, "user=ada&code=c4")).statusCode()).isEqualTo(200);
    assertThat(login.await().require("token")).isEqualTo("t-c4");
  }

  @Test
  void callback_error_loginEndsWithTheProvidersError() throws Exception {
    URI callback = start(builder());

    HttpResponse<String> page = Browser.get(with(callback, "error=access_denied"));

    assertThat(page.body()).contains("Sign-in refused").contains("toy refused the sign-in");
    assertThatThrownBy(login::await)
        .isInstanceOf(AuthorizationDeniedException.class)
        .hasMessage("toy refused the sign-in: access_denied");
    Browser.awaitPortClosed(callback.getPort());
  }

  @Test
  void callback_redeemFails_loginEndsWithThatError() throws Exception {
    URI callback = start(builder());

    HttpResponse<String> page = Browser.get(with(callback, "user=ada&code=bad"));

    assertThat(page.statusCode()).isEqualTo(500);
    assertThat(page.body()).contains("the code is not good");
    assertThatThrownBy(login::await)
        .isInstanceOf(ProviderErrorException.class)
        .hasMessageContaining("invalid_grant");
  }

  @Test
  void await_nobodyComes_timeoutAndPortClosed() throws Exception {
    URI callback = start(builder().loopback(options().withTimeout(Duration.ofMillis(300))));

    assertThatThrownBy(login::await)
        .isInstanceOf(LoginTimeoutException.class)
        .hasMessage("no sign-in arrived within 300 ms; run the login again");
    Browser.assertPortClosed(callback.getPort());
  }

  @Test
  void cancel_whileWaiting_awaitSaysCancelled() throws Exception {
    URI callback = start(builder());

    login.cancel();

    assertThatThrownBy(login::await)
        .isInstanceOf(LoginTimeoutException.class)
        .hasMessage("the sign-in was cancelled");
    Browser.assertPortClosed(callback.getPort());
  }

  @Test
  void start_twice_secondRefusedWhileTheFirstWaits() throws Exception {
    start(builder());

    assertThatThrownBy(login::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already waiting");
  }

  @Test
  void start_launcherFails_urlPrintedWithAdviceForThisProvider() throws Exception {
    start(
        builder()
            .loopback(
                options()
                    .withLauncher(
                        uri -> {
                          throw new IOException("no display on this machine");
                        })));

    assertThat(printed)
        .anyMatch(l -> l.contains("Could not open a browser (no display on this machine)"))
        .anyMatch(l -> l.contains("Sign in with credentials copied from toy instead"));
  }

  @Test
  void toString_namesProviderNotSecrets() {
    assertThat(builder().build())
        .hasToString("ProviderBrowserLogin{provider=toy, callbackPath=random, timeout=300 s}");
  }

  @Test
  void builder_badValues_exactMessages() {
    assertThatThrownBy(() -> builder().loopback(options().withPort(70000)))
        .hasMessage("port must be between 0 and 65535, was 70000");
    assertThatThrownBy(() -> builder().loopback(options().withCallbackPath("cb")))
        .hasMessageContaining("callbackPath must start with '/'");
    assertThatThrownBy(() -> builder().loopback(options().withTimeout(Duration.ZERO)))
        .hasMessage("timeout must be positive, was PT0S");
  }

  @Test
  void credentials_fromAnotherProvider_loginFails() throws Exception {
    ToyProvider liar =
        new ToyProvider() {
          @Override
          public Credentials redeem(dev.lanyard.internal.provider.CallbackResponse.Accepted a) {
            return Credentials.of("other", java.util.Map.of("user", "x"));
          }
        };
    login = ProviderBrowserLogin.builder(liar).loopback(options()).build();
    URI callback = ToyProvider.callback(login.start());

    assertThat(Browser.get(with(callback, "user=ada&code=c1")).statusCode()).isEqualTo(500);
    assertThatThrownBy(login::await).hasMessage("toy redeemed a callback into other credentials");
  }
}
