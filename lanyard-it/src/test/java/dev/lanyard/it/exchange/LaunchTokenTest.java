package dev.lanyard.it.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.InvalidTokenException;
import dev.lanyard.LoginRequiredException;
import dev.lanyard.TokenSet;
import dev.lanyard.grant.Grant;
import dev.lanyard.http.AuthenticatedHttpClient;
import dev.lanyard.it.support.Keycloak;
import dev.lanyard.launch.DualIdentity;
import dev.lanyard.launch.LaunchToken;
import dev.lanyard.launch.LaunchTokenVerifier;
import dev.lanyard.session.TokenSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real Keycloak access tokens as URL tokens, verified against the realm's JWKS: valid, expired,
 * signed by another key, missing {@code exp}, refreshed; and the dual identity built on one.
 */
class LaunchTokenTest {
  /**
   * A key the realm publishes (passive, never signs with), so tests can make tokens it vouches for.
   */
  private static final RSAKey TRUSTED = rsa("lanyard-it-trusted");

  private static Map.Entry<String, String> imported;
  private static LaunchTokenVerifier launches;

  @BeforeAll
  static void setUp() throws Exception {
    LabAdmin.enableTokenExchange();
    imported = LabAdmin.importPassiveKey("lanyard-it-launch-token", TRUSTED);
    launches = LaunchTokenVerifier.forProvider(Realm.provider());
  }

  @AfterAll
  static void tearDown() {
    if (imported != null) {
      LabAdmin.removeComponent(imported.getValue());
    }
  }

  @Test
  void verify_keycloakUserToken_identityAndClient() throws Exception {
    TokenSet alice = Realm.alice(Keycloak.CLIENT_CLI).token();

    LaunchToken launch = launches.verify(alice.accessToken());

    JWTClaimsSet claims = Realm.claims(alice);
    assertThat(launch.subject()).isEqualTo(claims.getSubject());
    assertThat(launch.issuer()).isEqualTo(Keycloak.get().issuer());
    assertThat(launch.clientId()).contains(Keycloak.CLIENT_CLI); // azp
    assertThat(launch.expiresAt()).isEqualTo(claims.getExpirationTime().toInstant());
    assertThat(launch.claims()).containsEntry("preferred_username", Keycloak.ALICE);
    assertThat(launch.entityId()).isEmpty();
    assertThat(launch.renewable()).isFalse();
  }

  @Test
  void verify_clientCredentialsToken_clientIdClaim() throws Exception {
    TokenSet service = Realm.service(Grant.clientCredentials()).token();
    assertThat(launches.verify(service.accessToken()).clientId()).contains(Keycloak.CLIENT_SERVICE);
  }

  @Test
  void verify_expired_clearExpiredError() throws Exception {
    TokenSet alice = Realm.alice(Keycloak.CLIENT_CLI).token();
    LaunchTokenVerifier later =
        LaunchTokenVerifier.builder(Realm.provider())
            .clock(shifted(Duration.ofMinutes(10)))
            .build();

    assertThatThrownBy(() -> later.verify(alice.accessToken()))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageStartingWith("URL token expired at");
    assertThatThrownBy(() -> later.verify(alice.accessToken(), alice.refreshToken().orElseThrow()))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageStartingWith("URL token expired at");
  }

  @Test
  void verify_signedByAnotherKey_rejected() throws Exception {
    String real = Realm.alice(Keycloak.CLIENT_CLI).token().accessToken();
    String kid = SignedJWT.parse(real).getHeader().getKeyID();

    String sameKid = resign(real, rsa(kid), b -> b);
    String ownKid = resign(real, rsa("not-the-realms"), b -> b);

    assertThatThrownBy(() -> launches.verify(sameKid))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessage("URL token signature does not verify with the provider's key");
    assertThatThrownBy(() -> launches.verify(ownKid))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("URL token key id not-the-realms is not among the provider's");
  }

  @Test
  void verify_missingExp_rejectedThoughTheRealmVouchesForTheKey() throws Exception {
    String real = Realm.alice(Keycloak.CLIENT_CLI).token().accessToken();
    RSAKey trusted = new RSAKey.Builder(TRUSTED).keyID(imported.getKey()).build();

    String withExp = resign(real, trusted, b -> b);
    String noExp = resign(real, trusted, b -> b.expirationTime(null));

    assertThat(launches.verify(withExp).subject()).isEqualTo(Realm.claims(real).getSubject());
    assertThatThrownBy(() -> launches.verify(noExp))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageStartingWith("URL token has no exp");
  }

  @Test
  void session_withRefreshToken_renewsAtKeycloakAsTheTokensPublicClient() throws Exception {
    TokenSet alice = Realm.alice(Keycloak.CLIENT_CLI_SHORT).token();
    LaunchToken launch = launches.verify(alice.accessToken(), alice.refreshToken().orElseThrow());
    assertThat(launch.clientId()).contains(Keycloak.CLIENT_CLI_SHORT);

    // A clock a minute ahead: the 10 s URL token is expired for the session, not for Keycloak.
    TokenSession user = launch.sessionBuilder().clock(shifted(Duration.ofMinutes(1))).build();
    TokenSet renewed = user.token();

    assertThat(renewed.accessToken()).isNotEqualTo(alice.accessToken());
    assertThat(Realm.claims(renewed).getSubject()).isEqualTo(launch.subject());
    assertThat(Realm.userinfo(renewed.accessToken()).statusCode()).isEqualTo(200);
  }

  @Test
  void session_withoutRefreshToken_expiredErrorOnceTheUrlTokenIsOld() throws Exception {
    LaunchToken launch =
        launches.verify(Realm.alice(Keycloak.CLIENT_CLI_SHORT).token().accessToken());
    assertThat(launch.session().accessToken()).isNotEmpty();

    TokenSession later = launch.sessionBuilder().clock(shifted(Duration.ofMinutes(1))).build();
    assertThatThrownBy(later::token)
        .isInstanceOf(LoginRequiredException.class)
        .hasMessageContaining("expired");
  }

  @Test
  void dualIdentity_userFromUrlTokenAndServiceExchangingIt() throws Exception {
    TokenSet alice = Realm.alice(Keycloak.CLIENT_CLI).token();
    LaunchToken launch = launches.verify(alice.accessToken(), alice.refreshToken().orElseThrow());
    TokenSession user = launch.session();
    TokenSession service =
        Realm.service(Grant.tokenExchange(user.accessToken()).withAudience(LabAdmin.API));

    DualIdentity both = DualIdentity.of(user, service);

    HttpClient http = HttpClient.newHttpClient();
    HttpRequest userinfo =
        HttpRequest.newBuilder(URI.create(Keycloak.get().userinfoEndpoint())).GET().build();
    HttpResponse<String> asUser =
        AuthenticatedHttpClient.of(http, both.user())
            .send(userinfo, HttpResponse.BodyHandlers.ofString());
    assertThat(asUser.statusCode()).isEqualTo(200);
    assertThat(asUser.body()).contains("\"preferred_username\":\"alice\"");
    JWTClaimsSet asService = Realm.claims(both.service().token());
    assertThat(asService.getAudience()).containsExactly(LabAdmin.API);
    assertThat(asService.getClaim("azp")).isEqualTo(Keycloak.CLIENT_SERVICE);
    assertThat(asService.getSubject()).isEqualTo(launch.subject());
  }

  private static InstantSource shifted(Duration ahead) {
    return () -> Instant.now().plus(ahead);
  }

  private static RSAKey rsa(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The claims of {@code token}, changed by {@code edit}, signed again with {@code key}. */
  private static String resign(String token, RSAKey key, UnaryOperator<JWTClaimsSet.Builder> edit)
      throws JOSEException {
    JWTClaimsSet claims = edit.apply(new JWTClaimsSet.Builder(Realm.claims(token))).build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }
}
