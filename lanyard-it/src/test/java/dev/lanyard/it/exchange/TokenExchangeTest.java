package dev.lanyard.it.exchange;

import static dev.lanyard.it.exchange.LabAdmin.API;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import dev.lanyard.grant.Grant;
import dev.lanyard.grant.TokenExchangeGrant;
import dev.lanyard.it.support.Keycloak;
import dev.lanyard.session.TokenSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 8693 token exchange against Keycloak's standard token exchange. */
class TokenExchangeTest {

  @BeforeAll
  static void configureRealm() {
    LabAdmin.enableTokenExchange();
  }

  @Test
  void exchange_cliUserToken_serviceGetsTokenForRequestedAudience() throws Exception {
    TokenSet user = Realm.alice(Keycloak.CLIENT_CLI).token();
    JWTClaimsSet userClaims = Realm.claims(user);
    assertThat(userClaims.getAudience()).contains(Keycloak.CLIENT_SERVICE);

    TokenSession exchanged =
        Realm.service(
            Grant.tokenExchange(user.accessToken())
                .withAudience(API)
                .withScope(Scope.of("openid"))); // userinfo serves only openid tokens
    TokenSet tokens = exchanged.token();

    JWTClaimsSet claims = Realm.claims(tokens);
    assertThat(claims.getAudience()).containsExactly(API);
    assertThat(claims.getClaim("azp")).isEqualTo(Keycloak.CLIENT_SERVICE);
    assertThat(claims.getSubject()).isEqualTo(userClaims.getSubject());
    assertThat(claims.getClaim("preferred_username")).isEqualTo(Keycloak.ALICE);
    assertThat(tokens.accessToken()).isNotEqualTo(user.accessToken());
    assertThat(tokens.expiresAt()).isPresent();
    assertThat(tokens.scope().contains("openid")).isTrue();
    assertThat(Realm.userinfo(tokens.accessToken()).statusCode()).isEqualTo(200);
  }

  @Test
  void exchange_fixedSubjectToken_usedOnceThenLoginRequired() throws Exception {
    TokenSet user = Realm.alice(Keycloak.CLIENT_CLI).token();
    TokenExchangeGrant grant = Grant.tokenExchange(user.accessToken()).withAudience(API);
    TokenSession exchanged = Realm.service(grant);

    assertThat(exchanged.token().accessToken()).isNotEmpty();
    assertThat(grant.canReauthenticate()).isFalse();
    assertThatThrownBy(exchanged::forceRefresh)
        .isInstanceOf(dev.lanyard.LoginRequiredException.class)
        .hasMessageContaining("no refresh token");
  }

  @Test
  void exchange_subjectFromUserSession_exchangesAgainWhenAsked() throws Exception {
    TokenSession user = Realm.alice(Keycloak.CLIENT_CLI);
    Supplier<String> userTokens =
        () -> {
          try {
            return user.accessToken();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
    TokenSession api = Realm.service(Grant.tokenExchange(userTokens).withAudience(API));

    TokenSet first = api.token();
    TokenSet second = api.forceRefresh();

    assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
    assertThat(Realm.claims(second).getSubject()).isEqualTo(Realm.claims(first).getSubject());
    assertThat(Realm.claims(second).getAudience()).containsExactly(API);
  }

  @Test
  void exchange_subjectTokenWithoutServiceInAudience_refusedWithKeycloaksError() throws Exception {
    // cli-short has no audience mapper: its tokens are not meant for service.
    TokenSet user = Realm.alice(Keycloak.CLIENT_CLI_SHORT).token();
    TokenSession exchanged = Realm.service(Grant.tokenExchange(user.accessToken()));

    assertThatThrownBy(exchanged::token)
        .isInstanceOfSatisfying(
            ProviderErrorException.class,
            e -> {
              assertThat(e.error()).isEqualTo("access_denied");
              assertThat(e.status()).isEqualTo(403);
              assertThat(e.description()).contains("Client is not within the token audience");
              assertThat(e.getMessage()).doesNotContain(user.accessToken());
            });
  }

  @Test
  void exchange_audienceNotAvailable_refusedWithKeycloaksError() throws Exception {
    TokenSet user = Realm.alice(Keycloak.CLIENT_CLI).token();
    TokenSession exchanged =
        Realm.service(Grant.tokenExchange(user.accessToken()).withAudience(Keycloak.CLIENT_CLI));

    assertThatThrownBy(exchanged::token)
        .isInstanceOfSatisfying(
            ProviderErrorException.class,
            e -> {
              assertThat(e.error()).isEqualTo("invalid_request");
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.description()).contains("Requested audience not available: cli");
            });
  }
}
