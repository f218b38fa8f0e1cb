package dev.lanyard.it.labarchives;

import static dev.lanyard.labarchives.FakeLabArchivesServer.ADA;
import static dev.lanyard.labarchives.FakeLabArchivesServer.ADA_UID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.it.support.Browser;
import dev.lanyard.labarchives.FakeLabArchivesServer;
import dev.lanyard.labarchives.LabArchives;
import dev.lanyard.labarchives.LabArchivesAuthenticationException;
import dev.lanyard.labarchives.LabArchivesBrowserLogin;
import dev.lanyard.labarchives.LabArchivesUser;
import dev.lanyard.labarchives.Notebook;
import dev.lanyard.login.BrowserLauncher;
import dev.lanyard.login.LoopbackOptions;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * LabArchives-style sign-in in real headless Chromium: the browser opens the signed {@code
 * api_user_login} URL on the in-test LabArchives server, follows its redirect to Lanyard's loopback
 * callback, and the code is redeemed through a signed {@code user_access_info} into the user with
 * their notebooks. No Keycloak.
 */
@Timeout(120)
class LabArchivesBrowserLoginTest {
  private static final String SIGNED_IN = "Signed in. You can close this tab.";

  private final FakeLabArchivesServer server = FakeLabArchivesServer.start();
  private LabArchivesBrowserLogin login;

  @AfterEach
  void tearDown() {
    if (login != null) {
      login.cancel();
    }
    server.close();
  }

  private static LoopbackOptions options() {
    return LoopbackOptions.defaults()
        .withPort(0)
        .withTimeout(Duration.ofSeconds(60))
        .withLauncher(BrowserLauncher.NONE)
        .withPrinter(line -> {});
  }

  private LabArchivesBrowserLogin build(LabArchives la) {
    return la.browserLogin(options());
  }

  @Test
  void browserLogin_chromiumFollowsTheRedirect_adaSignedInWithHerNotebooks() throws Exception {
    login = build(server.client().build());
    try (Browser browser = Browser.start()) {
      URI url = login.start();

      browser.open(url).waitForText(SIGNED_IN);
      LabArchivesUser user = login.await();

      URI landed = URI.create(browser.url());
      assertThat(landed.getHost()).isEqualTo("127.0.0.1");
      assertThat(landed.getPath()).startsWith("/callback/");
      assertThat(landed.getQuery()).contains("email=" + ADA).contains("auth_code=");
      assertThat(user.id()).isEqualTo(ADA_UID);
      assertThat(user.email()).isEqualTo(ADA);
      assertThat(user.notebooks()).isEqualTo(FakeLabArchivesServer.ADAS_NOTEBOOKS);
      assertThat(canBind(landed.getPort())).as("callback port freed").isTrue();
    }
  }

  /**
   * The README's three lines (lanyard-labarchives/README.md, checked there by ReadmeSnippetTest)
   * with Chromium as the person's browser:
   *
   * <pre>{@code
   * LabArchives la = LabArchives.fromEnvironment();
   * LabArchivesUser user = la.browserLogin().login();
   * Notebook notebook = user.notebook("Analytical engine");
   * }</pre>
   *
   * The environment is a map naming the fake server; the launcher opens Chromium.
   */
  @Test
  void readme_threeLinesInChromium_adaAndTheNamedNotebook() throws Exception {
    Map<String, String> environment =
        Map.of(
            "API_URL", server.url().toString(),
            "ACCESS_KEYID", FakeLabArchivesServer.AKID,
            "ACCESS_PWD", FakeLabArchivesServer.PASSWORD);
    try (Browser browser = Browser.start()) {
      LoopbackOptions chromium = options().withLauncher(uri -> browser.open(uri));

      LabArchives la = LabArchives.builder().environment(environment).noDotEnv().build();
      LabArchivesUser user = la.browserLogin(chromium).login();
      Notebook notebook = user.notebook("Analytical engine");

      assertThat(user.email()).isEqualTo(ADA);
      assertThat(notebook.id()).isEqualTo("NDYyMjIuOHwzNTU1Ng==");
      browser.waitForText(SIGNED_IN);
    }
  }

  @Test
  void browserLogin_labArchivesRefuses_chromiumShowsItAndLoginFails() throws Exception {
    server.denyNextLogin("access_denied");
    login = build(server.client().build());
    try (Browser browser = Browser.start()) {
      browser.open(login.start()).waitForText("Sign-in refused");

      assertThatThrownBy(login::await)
          .isInstanceOf(LabArchivesAuthenticationException.class)
          .hasMessage("[access_denied] LabArchives refused the sign-in");
    }
  }

  @Test
  void browserLogin_incompleteCallbackFirst_400PageThenTheRealSignInCompletes() throws Exception {
    login = build(server.client().build());
    try (Browser browser = Browser.start()) {
      URI url = login.start();
      URI callback =
          URI.create(FakeLabArchivesServer.queryOf(url).get("redirect_uri") + "?email=" + ADA);

      browser.open(callback).waitForText("not a complete sign-in response");
      browser.open(callback.resolve("/callback")).waitForText("Nothing here.");
      browser.open(url).waitForText(SIGNED_IN);

      assertThat(login.await().email()).isEqualTo(ADA);
    }
  }

  private static boolean canBind(int port) {
    try (ServerSocket s = new ServerSocket(port)) {
      return s.isBound();
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
