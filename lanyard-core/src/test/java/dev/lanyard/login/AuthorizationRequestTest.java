package dev.lanyard.login;

import static dev.lanyard.login.ScriptedProvider.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.Scope;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.provider.ProviderMetadata;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The authorization URL: every security parameter, always, and none of them replaceable. */
class AuthorizationRequestTest {
  private static final URI CALLBACK = URI.create("https://portal.example.org/callback");
  private static final ProviderMetadata PROVIDER =
      ProviderMetadata.builder(URI.create("https://id.example.org/token"))
          .issuer(URI.create("https://id.example.org"))
          .authorizationEndpoint(URI.create("https://id.example.org/auth"))
          .build();

  private static WebLogin.Builder web() {
    return WebLogin.builder().provider(PROVIDER).client(ClientAuthentication.none("lab-cli"));
  }

  @Test
  void authorizationUrl_hasEveryRequiredParameter() throws IOException {
    WebLogin login =
        web()
            .scope(Scope.of("offline_access"))
            .loginHint("ada@example.org")
            .parameter("prompt", "login")
            .parameter("acr_values", "mfa")
            .parameter("resource", "https://api.example.org")
            .build();

    URI url = login.authorizationUrl(CALLBACK);

    assertThat(url.toString()).startsWith("https://id.example.org/auth?");
    Map<String, String> q = query(url);
    assertThat(q)
        .containsEntry("response_type", "code")
        .containsEntry("client_id", "lab-cli")
        .containsEntry("redirect_uri", CALLBACK.toString())
        .containsEntry("scope", "openid offline_access")
        .containsEntry("code_challenge_method", "S256")
        .containsEntry("login_hint", "ada@example.org")
        .containsEntry("prompt", "login")
        .containsEntry("acr_values", "mfa")
        .containsEntry("resource", "https://api.example.org");
    assertThat(q.get("state")).hasSizeGreaterThanOrEqualTo(22).matches("[A-Za-z0-9_-]+");
    assertThat(q.get("nonce")).hasSizeGreaterThanOrEqualTo(22).matches("[A-Za-z0-9_-]+");
    assertThat(q.get("code_challenge")).hasSize(43);
    assertThat(url.getRawQuery()).doesNotContain("+");
  }

  @Test
  void authorizationUrl_eachCall_freshStateNonceAndChallenge() throws IOException {
    WebLogin login = web().build();
    Map<String, String> a = query(login.authorizationUrl(CALLBACK));
    Map<String, String> b = query(login.authorizationUrl(CALLBACK));
    assertThat(a.get("state")).isNotEqualTo(b.get("state"));
    assertThat(a.get("nonce")).isNotEqualTo(b.get("nonce"));
    assertThat(a.get("code_challenge")).isNotEqualTo(b.get("code_challenge"));
    assertThat(a.get("state")).isNotEqualTo(a.get("nonce"));
  }

  @Test
  void scope_withoutOpenid_openidAddedFirst() throws IOException {
    URI url =
        web()
            .scope(Scope.of("email"))
            .scope(Scope.of("offline_access"))
            .build()
            .authorizationUrl(CALLBACK);
    assertThat(query(url)).containsEntry("scope", "openid email offline_access");
    assertThat(query(web().build().authorizationUrl(CALLBACK))).containsEntry("scope", "openid");
  }

  @Test
  void zitadelProjectAudience_addsAudienceScope() throws IOException {
    URI url = web().zitadelProjectAudience("284771931846148101").build().authorizationUrl(CALLBACK);
    assertThat(query(url))
        .containsEntry("scope", "openid urn:zitadel:iam:org:project:id:284771931846148101:aud");
  }

  @Test
  void zitadelProjectAudience_invalidId_refused() {
    assertThatThrownBy(() -> web().zitadelProjectAudience("12 34"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid Zitadel project id: '12 34'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "response_type",
        "client_id",
        "redirect_uri",
        "state",
        "nonce",
        "code_challenge",
        "code_challenge_method",
        "response_mode",
        "request",
        "request_uri",
        "code_verifier"
      })
  void parameter_securityParameter_refused(String name) {
    assertThatThrownBy(() -> web().parameter(name, "evil"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "authorization parameter '" + name + "' is set by Lanyard and cannot be overridden");
    assertThatThrownBy(() -> WebLogin.Options.NONE.withParameter(name, "evil"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parameter_scopeOrLoginHint_refusedWithPointer() {
    assertThatThrownBy(() -> web().parameter("scope", "admin"))
        .hasMessage(
            "authorization parameter 'scope' is set by Lanyard and cannot be overridden; use"
                + " scope(...)");
    assertThatThrownBy(() -> web().parameter("login_hint", "x"))
        .hasMessageEndingWith("; use loginHint(...)");
  }

  @Test
  void options_perRequestHintAndParameters() throws IOException {
    WebLogin login = web().parameter("prompt", "login").build();
    URI url =
        login.authorizationUrl(
            CALLBACK,
            WebLogin.Options.NONE
                .withLoginHint("bob@example.org")
                .withParameter("audience", "api"));
    assertThat(query(url))
        .containsEntry("login_hint", "bob@example.org")
        .containsEntry("audience", "api")
        .containsEntry("prompt", "login");
  }

  @Test
  void endpointWithQuery_parametersAppended() throws IOException {
    ProviderMetadata b2c =
        PROVIDER
            .newBuilder()
            .authorizationEndpoint(URI.create("https://id.example.org/auth?p=B2C_1_signin"))
            .build();
    URI url =
        WebLogin.builder()
            .provider(b2c)
            .client(ClientAuthentication.none("c"))
            .build()
            .authorizationUrl(CALLBACK);
    assertThat(query(url))
        .containsEntry("p", "B2C_1_signin")
        .containsEntry("response_type", "code");
  }

  @Test
  void builder_failsFast_exactMessages() {
    assertThatThrownBy(() -> WebLogin.builder().client(ClientAuthentication.none("c")).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no provider: set issuer(...) or provider(...)");
    assertThatThrownBy(() -> WebLogin.builder().provider(PROVIDER).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no client: set client(...)");
    assertThatThrownBy(() -> web().issuer(URI.create("https://other.example.org")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("the provider was already set to ");
    assertThatThrownBy(() -> web().loginHint("a").loginHint("b"))
        .hasMessage("loginHint was already set to a");
    assertThatThrownBy(() -> web().expectedEmail("not-an-email"))
        .hasMessage("expectedEmail is not an e-mail address: not-an-email");
    assertThatThrownBy(() -> web().parameter("prompt", "login").parameter("prompt", "none"))
        .hasMessage("parameter prompt was already set to login");
  }

  @Test
  void insecureAuthorizationEndpoint_refused() {
    ProviderMetadata plain =
        PROVIDER
            .newBuilder()
            .authorizationEndpoint(URI.create("http://id.example.org/auth"))
            .build();
    WebLogin login =
        WebLogin.builder().provider(plain).client(ClientAuthentication.none("c")).build();
    assertThatThrownBy(() -> login.authorizationUrl(CALLBACK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the authorization endpoint must use https");
  }
}
