package dev.lanyard.it;

import static dev.lanyard.it.Kc.alice;
import static dev.lanyard.it.Kc.issuer;
import static dev.lanyard.it.Kc.tokenEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.LoginRequiredException;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.grant.PasswordGrant;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.session.TokenSession;
import dev.lanyard.store.TokenStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Every non-interactive grant against Keycloak, and how each failure maps to an error. */
class GrantsTest {

  @Test
  void discovery_keycloak_endpointsOfTheRealm() throws Exception {
    ProviderMetadata m = ProviderMetadata.discover(issuer());
    assertThat(m.issuer()).contains(issuer());
    assertThat(m.tokenEndpoint()).isEqualTo(tokenEndpoint());
    assertThat(m.deviceAuthorizationEndpoint()).isPresent();
    assertThat(m.jwksUri()).isPresent();
    assertThat(m.codeChallengeMethods()).contains("S256");
    assertThat(ProviderMetadata.discover(issuer())).isSameAs(m);
  }

  @Test
  void clientCredentials_secretBasic_accessTokenWithoutRefresh() throws Exception {
    TokenSession session =
        TokenSession.builder()
            .issuer(issuer())
            .client(ClientAuthentication.secretBasic("service", Kc.SERVICE_SECRET))
            .grant(Grant.clientCredentials())
            .build();
    TokenSet tokens = session.token();
    assertThat(tokens.refreshToken()).isEmpty();
    assertThat(tokens.expiresAt().orElseThrow()).isAfter(Instant.now());
    assertThat(Kc.userinfoStatus(tokens)).isNotEqualTo(401);
  }

  @Test
  void clientCredentials_secretPost_tokenEndpointOnly() throws Exception {
    TokenSession session =
        TokenSession.builder()
            .tokenEndpoint(tokenEndpoint())
            .client(ClientAuthentication.secretPost("service", Kc.SERVICE_SECRET))
            .grant(Grant.clientCredentials(Scope.of("profile")))
            .build();
    assertThat(session.token().accessToken()).isNotEmpty();
  }

  @Test
  void clientCredentials_wrongSecret_unauthorizedClientWithProviderWords() {
    TokenSession session =
        TokenSession.builder()
            .issuer(issuer())
            .client(ClientAuthentication.secretBasic("service", "not-the-secret"))
            .grant(Grant.clientCredentials())
            .build();
    assertThatThrownBy(session::token)
        .isInstanceOfSatisfying(
            ProviderErrorException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.error()).isEqualTo("unauthorized_client");
              assertThat(e.getMessage()).doesNotContain("not-the-secret");
            });
  }

  @Test
  void password_alice_accessRefreshAndUserinfo() throws Exception {
    TokenSet tokens = alice("cli").build().token();
    assertThat(tokens.refreshToken()).isPresent();
    assertThat(tokens.refreshExpiresAt()).isPresent();
    assertThat(Kc.userinfo(tokens).body()).contains("alice@example.org");
  }

  @Test
  void password_wrongPassword_invalidGrantInvalidUserCredentials() {
    TokenSession session = Kc.password("cli", "alice", "wrong-password").build();
    assertThatThrownBy(session::token)
        .isInstanceOfSatisfying(
            ProviderErrorException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.error()).isEqualTo("invalid_grant");
              assertThat(e.description()).contains("Invalid user credentials");
              assertThat(e.getMessage())
                  .contains("invalid_grant", "Invalid user credentials")
                  .doesNotContain("wrong-password");
            });
  }

  @Test
  void password_withOneTimeCode_carolSignsInOnlyWithTheCode() throws Exception {
    TokenSession withoutCode = Kc.password("cli", "carol", "carol-password").build();
    assertThatThrownBy(withoutCode::token).isInstanceOf(ProviderErrorException.class);

    PasswordGrant grant =
        Grant.password("carol", "carol-password")
            .withScope(Scope.of("openid email"))
            .withOneTimeCode(Totp.now(Totp.CAROL_SECRET));
    TokenSet tokens =
        TokenSession.builder()
            .issuer(issuer())
            .client(ClientAuthentication.none("cli"))
            .grant(grant)
            .build()
            .token();
    assertThat(Kc.userinfo(tokens).body()).contains("carol@example.org");
  }

  @Test
  void refreshToken_fromElsewhere_renewsThenLoginRequiredWhenKilled() throws Exception {
    TokenSet first = alice("cli").build().token();
    TokenStore store = TokenStore.memory();
    TokenSession session =
        TokenSession.builder()
            .issuer(issuer())
            .client(ClientAuthentication.none("cli"))
            .grant(Grant.refreshToken(first.refreshToken().orElseThrow()))
            .store(store)
            .build();
    TokenSet renewed = session.token();
    assertThat(renewed.accessToken()).isNotEqualTo(first.accessToken());
    assertThat(Kc.userinfoStatus(renewed)).isEqualTo(200);

    Kc.kc().logoutAllSessions("alice");
    assertThatThrownBy(session::forceRefresh)
        .isInstanceOf(LoginRequiredException.class)
        .hasMessageContaining("invalid_grant")
        .hasMessageContaining("sign in again");
    assertThat(store.load()).contains(renewed); // nothing lost
  }

  @Test
  void staticToken_noEndpoint_handedOutAsGiven() throws Exception {
    TokenSession session =
        TokenSession.builder()
            .grant(Grant.staticToken("pat-123").expiringAt(Instant.now().plus(Duration.ofDays(1))))
            .build();
    assertThat(session.token().accessToken()).isEqualTo("pat-123");
    assertThat(session.authorizationHeader()).isEqualTo("Bearer pat-123");
  }
}
