package dev.lanyard.it.login;

import static dev.lanyard.it.login.Lab.ALICE_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.it.support.Browser;
import dev.lanyard.login.BrowserLogin;
import dev.lanyard.login.LoginResult;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * Sign-ins with the strong-client options against Keycloak: pushed authorization requests (RFC
 * 9126, client {@code cli-par}, which requires them) and DPoP-bound tokens (RFC 9449, client {@code
 * cli-dpop}) from the browser and the device flow.
 */
class StrongLoginTest extends SignInTestBase {

  private static String jkt(TokenSet tokens) throws Exception {
    return (String)
        SignedJWT.parse(tokens.accessToken())
            .getJWTClaimsSet()
            .getJSONObjectClaim("cnf")
            .get("jkt");
  }

  @Test
  void par_configured_browserUrlCarriesOnlyClientIdAndRequestUri_aliceSignedIn() throws Exception {
    try (Browser browser = Browser.start()) {
      ChromiumLauncher launcher = new ChromiumLauncher(browser, Person.alice()::signsInAtLoopback);
      BrowserLogin login = launcher.build(Lab.browserLogin("cli-par").par(true));

      LoginResult result = launcher.login(login);

      assertThat(Lab.query(launcher.url())).containsOnlyKeys("client_id", "request_uri");
      assertThat(Lab.query(launcher.url()).get("request_uri")).startsWith("urn:ietf:params:oauth:");
      assertThat(result.identity().orElseThrow().email()).contains(ALICE_EMAIL);
      assertThat(result.identity().orElseThrow().audience()).contains("cli-par");
      assertThat(Lab.userinfo(result.tokens()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void par_requiredByMetadata_pushedWithoutBeingConfigured() throws Exception {
    BrowserLogin login =
        BrowserLogin.builder()
            .provider(Lab.provider().newBuilder().requirePushedAuthorizationRequests(true).build())
            .client(ClientAuthentication.none("cli-par"))
            .loopback(Lab.loopbackOptions().withLauncher(uri -> {}))
            .build();
    try {
      URI url = login.start();
      assertThat(Lab.query(url)).containsOnlyKeys("client_id", "request_uri");
      assertThat(url.toString())
          .startsWith(Lab.provider().authorizationEndpoint().orElseThrow() + "?");
    } finally {
      login.cancel();
    }
  }

  @Test
  void dpop_browserLogin_codeBoundWithDpopJkt_tokensBound() throws Exception {
    try (Browser browser = Browser.start()) {
      ChromiumLauncher launcher = new ChromiumLauncher(browser, Person.alice()::signsInAtLoopback);
      BrowserLogin login = launcher.build(Lab.browserLogin("cli-dpop").dpop(true));

      LoginResult result = launcher.login(login);

      TokenSet tokens = result.tokens();
      String thumbprint = tokens.dpopKey().orElseThrow().thumbprint();
      assertThat(Lab.query(launcher.url())).containsEntry("dpop_jkt", thumbprint);
      assertThat(tokens.isDpopBound()).isTrue();
      assertThat(jkt(tokens)).isEqualTo(thumbprint);
      assertThat(result.identity().orElseThrow().email()).contains(ALICE_EMAIL);
    }
  }

  @Test
  void dpop_deviceLogin_tokensBound() throws Exception {
    try (Browser browser = Browser.start()) {
      LoginResult result =
          Lab.deviceLogin("cli-dpop")
              .dpop(true)
              .prompt(Person.alice().approvesDevice(browser, false))
              .build()
              .login();
      TokenSet tokens = result.tokens();
      assertThat(tokens.isDpopBound()).isTrue();
      assertThat(jkt(tokens)).isEqualTo(tokens.dpopKey().orElseThrow().thumbprint());
    }
  }
}
