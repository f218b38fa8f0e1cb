package dev.lanyard.labarchives;

import static dev.lanyard.labarchives.FakeLabArchivesServer.ADA;
import static dev.lanyard.labarchives.FakeLabArchivesServer.ADA_UID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lanyard.LoginTimeoutException;
import dev.lanyard.login.BrowserLauncher;
import dev.lanyard.login.LoopbackOptions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The browser sign-in end to end, fast: the "browser" is a plain HTTP client that follows
 * LabArchives' redirect to the loopback callback (headless Chromium does the same in lanyard-it).
 */
@Timeout(30)
class LabArchivesBrowserFlowTest {
  private static final HttpClient BROWSER =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

  private final FakeLabArchivesServer server = FakeLabArchivesServer.start();
  private final List<HttpResponse<String>> pages = Collections.synchronizedList(new ArrayList<>());
  private final List<String> printed = Collections.synchronizedList(new ArrayList<>());
  private LabArchivesBrowserLogin login;

  /** Opens the URL as a browser would, following redirects, and keeps the last page. */
  private final BrowserLauncher httpBrowser = uri -> pages.add(get(uri));

  @AfterEach
  void tearDown() {
    if (login != null) {
      login.cancel();
    }
    server.close();
  }

  private static HttpResponse<String> get(URI uri) throws IOException {
    try {
      return BROWSER.send(
          HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException();
    }
  }

  private LabArchivesBrowserLogin login(BrowserLauncher launcher) throws IOException {
    return login(options(launcher));
  }

  private LabArchivesBrowserLogin login(LoopbackOptions options) throws IOException {
    return server.client().build().browserLogin(options);
  }

  private LoopbackOptions options(BrowserLauncher launcher) {
    return LoopbackOptions.defaults().withPort(0).withLauncher(launcher).withPrinter(printed::add);
  }

  @Test
  void browserLogin_browserFollowsTheRedirect_adaWithHerNotebooksAndThePageSaysSo()
      throws Exception {
    login = login(httpBrowser);

    LabArchivesUser user = login.login();

    assertThat(user.id()).isEqualTo(ADA_UID);
    assertThat(user.email()).isEqualTo(ADA);
    assertThat(user.fullName()).contains("Ada Lovelace");
    assertThat(user.notebooks()).isEqualTo(FakeLabArchivesServer.ADAS_NOTEBOOKS);
    HttpResponse<String> page = pages.get(0);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Signed in");
    assertThat(page.uri().getHost()).isEqualTo("127.0.0.1");
    assertThat(page.uri().getPath()).startsWith("/callback/");
    assertThat(server.calls()).containsExactly("/api_user_login", "/api/users/user_access_info");
  }

  @Test
  void browserLogin_labArchivesRedirectsWithError_authenticationError() throws Exception {
    server.denyNextLogin("access_denied");
    login = login(httpBrowser);

    assertThatThrownBy(login::login)
        .isInstanceOfSatisfying(
            LabArchivesAuthenticationException.class,
            e -> assertThat(e.code()).isEqualTo("access_denied"))
        .hasMessage("[access_denied] LabArchives refused the sign-in");
    assertThat(pages.get(0).body()).contains("Sign-in refused");
    assertThat(server.calls()).containsExactly("/api_user_login");
  }

  @Test
  void browserLogin_codeRefusedByLabArchives_loginEndsWithTheCode() throws Exception {
    server.failNext("4514", "The login or password is incorrect");
    login = login(httpBrowser);

    assertThatThrownBy(login::login)
        .isInstanceOf(LabArchivesAuthenticationException.class)
        .hasMessage("[4514] The login or password is incorrect");
    assertThat(pages.get(0).statusCode()).isEqualTo(500);
  }

  @Test
  void callback_withoutEmailOrAuthCode_400AndTheWaitGoesOn() throws Exception {
    login = login(BrowserLauncher.NONE);
    URI url = login.start();
    URI callback = URI.create(FakeLabArchivesServer.queryOf(url).get("redirect_uri"));

    HttpResponse<String> noCode = get(URI.create(callback + "?email=ada%40example.org"));
    HttpResponse<String> noEmail = get(URI.create(callback + "?auth_code=ac-1"));

    assertThat(noCode.statusCode()).isEqualTo(400);
    assertThat(noCode.body()).contains("no auth_code parameter");
    assertThat(noEmail.statusCode()).isEqualTo(400);
    assertThat(noEmail.body()).contains("no email parameter");
    assertThat(get(url).statusCode()).isEqualTo(200); // the person signs in after all
    assertThat(login.await().email()).isEqualTo(ADA);
  }

  @Test
  void callback_wrongPath_404AndTheWaitGoesOn() throws Exception {
    login = login(BrowserLauncher.NONE);
    URI url = login.start();
    URI callback = URI.create(FakeLabArchivesServer.queryOf(url).get("redirect_uri"));

    assertThat(get(callback.resolve("/callback?email=eve%40example.org&auth_code=x")).statusCode())
        .isEqualTo(404);
    assertThat(get(url).statusCode()).isEqualTo(200);
    assertThat(login.await().id()).isEqualTo(ADA_UID);
  }

  @Test
  void browserLogin_nobodySignsIn_timeout() throws Exception {
    login = login(options(BrowserLauncher.NONE).withTimeout(Duration.ofMillis(300)));
    login.start();

    assertThatThrownBy(login::await)
        .isInstanceOf(LoginTimeoutException.class)
        .hasMessage("no sign-in arrived within 300 ms; run the login again");
  }

  @Test
  void browserLogin_defaults_port8089RandomPathAnd300Seconds() throws Exception {
    assumeTrue(free(LabArchives.DEFAULT_CALLBACK_PORT), "port 8089 is in use here");
    login =
        login(
            LoopbackOptions.defaults()
                .withLauncher(BrowserLauncher.NONE)
                .withPrinter(printed::add));

    URI redirect = URI.create(FakeLabArchivesServer.queryOf(login.start()).get("redirect_uri"));

    assertThat(redirect.getHost()).isEqualTo("127.0.0.1");
    assertThat(redirect.getPort()).isEqualTo(8089);
    assertThat(redirect.getPath()).matches("/callback/[A-Za-z0-9_-]{43}");
    assertThat(login.toString())
        .isEqualTo(
            "LabArchivesBrowserLogin{provider=labarchives, callbackPath=random, timeout=300 s}");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.isBound();
    } catch (IOException e) {
      return false;
    }
  }
}
