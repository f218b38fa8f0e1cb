package dev.lanyard.it.labarchives;

import static dev.lanyard.labarchives.FakeLabArchivesServer.ADA;
import static dev.lanyard.labarchives.FakeLabArchivesServer.ADA_UID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.it.support.Browser;
import dev.lanyard.labarchives.FakeLabArchivesServer;
import dev.lanyard.labarchives.LabArchives;
import dev.lanyard.labarchives.LabArchivesAuthenticationException;
import dev.lanyard.login.BrowserLauncher;
import dev.lanyard.login.LoopbackOptions;
import dev.lanyard.login.ProviderBrowserLogin;
import dev.lanyard.login.provider.CallbackProvider;
import dev.lanyard.login.provider.Credentials;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * LabArchives-style sign-in in real headless Chromium: the browser opens the signed {@code
 * api_user_login} URL on the in-test LabArchives server, follows its redirect to Lanyard's loopback
 * callback, and the code is redeemed through a signed {@code user_access_info}. No Keycloak.
 */
@Timeout(120)
class LabArchivesBrowserLoginTest {
  private static final String SIGNED_IN = "Signed in. You can close this tab.";

  private final FakeLabArchivesServer server = FakeLabArchivesServer.start();
  private ProviderBrowserLogin login;

  @AfterEach
  void tearDown() {
    if (login != null) {
      login.cancel();
    }
    server.close();
  }

  private ProviderBrowserLogin build(LabArchives la) {
    return la.browserLogin()
        .loopback(
            LoopbackOptions.defaults()
                .withPort(0)
                .withTimeout(Duration.ofSeconds(60))
                .withLauncher(BrowserLauncher.NONE)
                .withPrinter(line -> {}))
        .build();
  }

  @Test
  void browserLogin_chromiumFollowsTheRedirect_adaSignedIn() throws Exception {
    LabArchives la = server.client().build();
    CallbackProvider provider = la.provider();
    login = build(la);
    try (Browser browser = Browser.start()) {
      URI url = login.start();

      browser.open(url).waitForText(SIGNED_IN);
      Credentials credentials = login.await();

      URI landed = URI.create(browser.url());
      assertThat(landed.getHost()).isEqualTo("127.0.0.1");
      assertThat(landed.getPath()).startsWith("/callback/");
      assertThat(landed.getQuery()).contains("email=" + ADA).contains("auth_code=");
      assertThat(credentials.require("uid")).isEqualTo(ADA_UID);
      assertThat(provider.describe(credentials).email()).contains(ADA);
      assertThat(canBind(landed.getPort())).as("callback port freed").isTrue();
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

      assertThat(login.await().require("email")).isEqualTo(ADA);
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
