package dev.lanyard.it.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.NoCredentialsException;
import dev.lanyard.Scope;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.http.RequestAuthorizer;
import dev.lanyard.it.http.Integration.Answer;
import dev.lanyard.it.support.Keycloak;
import dev.lanyard.session.TokenSession;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each HTTP integration against a protected API that asks Keycloak about every token: requests
 * succeed, a token revoked at the provider is refreshed on the 401 path, the Basic bridge sends the
 * exact header, and a session without credentials sends nothing.
 */
class HttpIntegrationsTest {
  private ProtectedApi api;

  @BeforeEach
  void start() throws Exception {
    api = new ProtectedApi();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  /** alice with the password grant, which can sign in again when her session dies. */
  static TokenSession alice(String clientId) {
    return TokenSession.builder()
        .issuer(URI.create(Keycloak.get().issuer()))
        .client(ClientAuthentication.none(clientId))
        // openid: Keycloak's userinfo endpoint serves only tokens with that scope.
        .grant(
            Grant.password(Keycloak.ALICE, Keycloak.ALICE_PASSWORD).withScope(Scope.of("openid")))
        .build();
  }

  @ParameterizedTest
  @EnumSource(Integration.class)
  void request_signedInSession_succeedsWithTheUsersIdentity(Integration integration)
      throws Exception {
    TokenSession session = alice(Keycloak.CLIENT_CLI);
    try (Integration.Api client = integration.client(RequestAuthorizer.bearer(session))) {
      assertThat(client.get(api.whoami())).isEqualTo(new Answer(200, "alice"));
      assertThat(client.get(api.whoami())).isEqualTo(new Answer(200, "alice"));
    }
    assertThat(api.authorizations())
        .containsOnly("Bearer " + session.current().orElseThrow().accessToken())
        .hasSize(2);
    assertThat(api.unauthorized()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Integration.class)
  void request_tokenRevokedAtProvider_401RefreshesAndTheRetrySucceeds(Integration integration)
      throws Exception {
    TokenSession session = alice(Keycloak.CLIENT_CLI);
    try (Integration.Api client = integration.client(RequestAuthorizer.bearer(session))) {
      assertThat(client.get(api.whoami()).status()).isEqualTo(200);
      String revoked = session.current().orElseThrow().accessToken();

      // Ends the session at Keycloak: the access token and the refresh token stop working.
      Keycloak.get().logoutAllSessions(Keycloak.ALICE);

      assertThat(client.get(api.whoami())).isEqualTo(new Answer(200, "alice"));
      String fresh = session.current().orElseThrow().accessToken();
      assertThat(fresh).isNotEqualTo(revoked);
      assertThat(api.authorizations())
          .containsExactly("Bearer " + revoked, "Bearer " + revoked, "Bearer " + fresh);
      assertThat(api.unauthorized()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Integration.class)
  void basicBridge_sendsBasicOfOauthLoginAndTheJwt(Integration integration) throws Exception {
    TokenSession session = alice(Keycloak.CLIENT_CLI);
    RequestAuthorizer bridge = RequestAuthorizer.basic(session, RequestAuthorizer.B_FABRIC_LOGIN);
    try (Integration.Api client = integration.client(bridge)) {
      assertThat(client.get(api.whoami())).isEqualTo(new Answer(200, "alice"));
    }
    String jwt = session.current().orElseThrow().accessToken();
    assertThat(jwt).startsWith("eyJ").contains(".");
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("__oauth__:" + jwt).getBytes(StandardCharsets.UTF_8));
    assertThat(api.authorizations()).containsExactly(expected);
  }

  @ParameterizedTest
  @EnumSource(Integration.class)
  void request_noCredentials_failsFastAndNothingReachesTheServer(Integration integration) {
    // A provider and a client, but no grant and nothing signed in: nobody to be.
    TokenSession anonymous =
        TokenSession.builder()
            .issuer(URI.create(Keycloak.get().issuer()))
            .client(ClientAuthentication.none(Keycloak.CLIENT_CLI))
            .build();
    try (Integration.Api client = integration.client(RequestAuthorizer.bearer(anonymous))) {
      assertThatThrownBy(() -> client.get(api.whoami()))
          .isInstanceOf(NoCredentialsException.class)
          .hasMessageStartingWith("no credentials configured");
    }
    assertThat(api.requests()).isZero();
  }
}
