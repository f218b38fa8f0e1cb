package dev.lanyard.it.login;

import static dev.lanyard.it.login.Lab.ALICE_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import dev.lanyard.it.support.Browser;
import dev.lanyard.login.BrowserLogin;
import dev.lanyard.login.LoginResult;
import dev.lanyard.verify.Identity;
import java.net.BindException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Browser sign-in in real headless Chromium on Keycloak's own login page. */
class BrowserLoginTest extends SignInTestBase {

  @Test
  void browserLogin_ephemeralPort_aliceSignedIn() throws Exception {
    try (Browser browser = Browser.start()) {
      ChromiumLauncher launcher = new ChromiumLauncher(browser, Person.alice()::signsInAtLoopback);
      BrowserLogin login = launcher.build(Lab.browserLogin("cli"));

      LoginResult result = launcher.login(login);

      URI redirect = Lab.redirectUri(launcher.url());
      assertThat(redirect.getHost()).isEqualTo("127.0.0.1");
      assertThat(redirect.getPort()).isPositive();
      assertThat(redirect.getPath()).isEqualTo("/callback");
      assertThat(browser.text()).contains(Person.LOOPBACK_SIGNED_IN);
      assertAlice(result);
      assertThat(Lab.canBind(redirect.getPort())).as("callback port freed").isTrue();
    }
  }

  @Test
  void browserLogin_startWithLoginHintThenAwait_hintPrefilledAliceSignedIn() throws Exception {
    BrowserLogin login =
        Lab.browserLogin("cli").loopback(Lab.loopbackOptions().withLauncher(uri -> {})).build();
    try (Browser browser = Browser.start()) {
      URI url = login.start(ALICE_EMAIL);
      assertThat(Lab.query(url)).containsEntry("login_hint", ALICE_EMAIL);

      browser.open(url);
      assertThat(browser.value("username")).isEqualTo(ALICE_EMAIL);
      browser.type("password", "alice-password").click("kc-login");
      browser.waitForText(Person.LOOPBACK_SIGNED_IN);

      assertAlice(login.await());
    } finally {
      login.cancel();
    }
  }

  @Test
  void browserLogin_fixedPort_redirectNamesItAndASecondLoginThereFails() throws Exception {
    int port = Lab.freePort();
    BrowserLogin first =
        Lab.browserLogin("cli")
            .loopback(Lab.loopbackOptions().withPort(port).withLauncher(uri -> {}))
            .build();
    BrowserLogin second =
        Lab.browserLogin("cli")
            .loopback(Lab.loopbackOptions().withPort(port).withLauncher(uri -> {}))
            .build();
    try (Browser browser = Browser.start()) {
      URI url = first.start();
      assertThat(Lab.query(url))
          .containsEntry("redirect_uri", "http://127.0.0.1:" + port + "/callback");

      assertThatThrownBy(second::start)
          .isInstanceOf(BindException.class)
          .hasMessageContaining("port " + port)
          .hasMessageContaining("already in use");

      browser.open(url);
      Person.alice().signsInAtLoopback(browser);
      assertThat(browser.url()).startsWith("http://127.0.0.1:" + port + "/callback?");
      assertAlice(first.await());
      assertThat(Lab.canBind(port)).as("port %d freed", port).isTrue();
    } finally {
      first.cancel();
      second.cancel();
    }
  }

  /** Tokens for alice, her ID token verified by the login's default verifier (Keycloak's JWKS). */
  static void assertAlice(LoginResult result) throws Exception {
    Identity who = result.identity().orElseThrow();
    assertThat(who.email()).contains(ALICE_EMAIL);
    assertThat(who.emailVerified()).isTrue();
    assertThat(who.preferredUsername()).contains("alice");
    assertThat(who.issuer()).isEqualTo(Lab.issuer().toString());
    assertThat(who.audience()).contains("cli");
    assertThat(who.claims()).containsKey("nonce");

    String idToken = result.tokens().idToken().orElseThrow();
    JWKSet jwks = JWKSet.load(Lab.provider().jwksUri().orElseThrow().toURL());
    assertThat(jwks.getKeyByKeyId(Lab.kid(idToken)))
        .as("signing key in Keycloak's JWKS")
        .isNotNull();
    assertThat(result.tokens().refreshToken()).isPresent();

    var userinfo = Lab.userinfo(result.tokens());
    assertThat(userinfo.statusCode()).isEqualTo(200);
    assertThat(userinfo.body()).contains(ALICE_EMAIL);
  }
}
