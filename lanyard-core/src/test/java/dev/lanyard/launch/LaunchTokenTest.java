package dev.lanyard.launch;

import static dev.lanyard.launch.Portal.CLIENT;
import static dev.lanyard.launch.Portal.ISSUER;
import static dev.lanyard.launch.Portal.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.InvalidTokenException;
import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Verifying URL tokens: valid, expired, signed by another key, missing exp, odd claims. */
class LaunchTokenTest {
  private final Portal.Clock clock = new Portal.Clock();
  private Portal portal;
  private LaunchTokenVerifier launches;

  @BeforeEach
  void start() throws IOException {
    portal = new Portal();
    launches = portal.verifier(clock).build();
  }

  @AfterEach
  void stop() {
    portal.close();
  }

  @Test
  void verify_valid_typedContextAndRawClaims() throws IOException {
    String token = portal.urlToken();
    LaunchToken launch = launches.verify(token);

    assertThat(launch.subject()).isEqualTo("user-4711");
    assertThat(launch.issuer()).isEqualTo(ISSUER);
    assertThat(launch.clientId()).contains(CLIENT);
    assertThat(launch.entityId()).hasValue(2220);
    assertThat(launch.entityClassName()).contains("Dataset");
    assertThat(launch.applicationId()).hasValue(543);
    assertThat(launch.jobId()).hasValue(2010);
    assertThat(launch.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    assertThat(launch.claims()).containsEntry("applicationId", "543").containsKey("iat");
    assertThat(launch.renewable()).isFalse();

    TokenSet tokens = launch.tokens();
    assertThat(tokens.accessToken()).isEqualTo(token);
    assertThat(tokens.refreshToken()).isEmpty();
    assertThat(tokens.expiresAt()).contains(launch.expiresAt());
    assertThat(tokens.issuedAt()).isEqualTo(NOW);
    assertThat(tokens.scope()).isEqualTo(Scope.of("openid bfabric"));
  }

  @Test
  void verify_withoutContextClaims_emptyAccessors() throws IOException {
    LaunchToken launch =
        launches.verify(
            portal.urlToken(
                b ->
                    b.claim("entityId", null)
                        .claim("entityClassName", null)
                        .claim("applicationId", null)
                        .claim("jobId", null)
                        .claim("client_id", null)
                        .claim("azp", "from-azp")));
    assertThat(launch.entityId()).isEmpty();
    assertThat(launch.entityClassName()).isEmpty();
    assertThat(launch.applicationId()).isEmpty();
    assertThat(launch.jobId()).isEmpty();
    assertThat(launch.clientId()).contains("from-azp");
  }

  @Test
  void verify_expired_clearExpiredError() {
    String token = portal.urlToken();
    clock.advance(Duration.ofMinutes(6));

    assertThatThrownBy(() -> launches.verify(token))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageStartingWith("URL token expired at 2025-03-01T09:05:00Z");
    assertThatThrownBy(() -> launches.verify(token, "refresh-1"))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageStartingWith("URL token expired at");
  }

  @Test
  void verify_signedByAnotherKey_rejected() {
    String forged = Portal.sign(Portal.rsa("attacker"), b -> b);
    String sameKid = Portal.sign(Portal.rsa("portal-1"), b -> b);

    assertThatThrownBy(() -> launches.verify(forged))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("URL token key id attacker is not among the provider's");
    assertThatThrownBy(() -> launches.verify(sameKid))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessage("URL token signature does not verify with the provider's key");
  }

  @Test
  void verify_missingExp_rejected() {
    String token = portal.urlToken(b -> b.expirationTime(null));
    assertThatThrownBy(() -> launches.verify(token))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageStartingWith("URL token has no exp");
  }

  @Test
  void verify_noSub_rejected() {
    String token = portal.urlToken(b -> b.subject(null));
    assertThatThrownBy(() -> launches.verify(token))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessage("URL token has no sub: it does not say who the user is");
  }

  @Test
  void verify_idNotAnInteger_rejectedNamingTheClaim() {
    String token = portal.urlToken(b -> b.claim("entityId", "ds-2220"));
    assertThatThrownBy(() -> launches.verify(token))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessage("URL token claim entityId is not an integer id");
    String numericClass = portal.urlToken(b -> b.claim("entityClassName", 7));
    assertThatThrownBy(() -> launches.verify(numericClass))
        .hasMessage("URL token claim entityClassName is not a string");
  }

  @Test
  void verify_refreshTokenWithoutClient_rejected() throws IOException {
    String token = portal.urlToken(b -> b.claim("client_id", null));
    assertThat(launches.verify(token).clientId()).isEmpty();
    assertThatThrownBy(() -> launches.verify(token, "refresh-1"))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("names no client (client_id or azp)");
  }

  @Test
  void verify_audienceConfigured_checked() throws IOException {
    LaunchTokenVerifier forApp = portal.verifier(clock).audience("my-app").build();
    assertThat(forApp.verify(portal.urlToken(b -> b.audience(List.of("my-app", "x")))).subject())
        .isEqualTo("user-4711");
    assertThatThrownBy(() -> forApp.verify(portal.urlToken()))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("does not contain the expected my-app");
  }

  @Test
  void toString_neverShowsTokens() throws IOException {
    String token = portal.urlToken();
    LaunchToken launch = launches.verify(token, "refresh-SECRET");
    assertThat(launch.toString())
        .contains("user-4711", "entityId=2220", "token=[redacted]", "refreshToken=[redacted]")
        .doesNotContain(token)
        .doesNotContain("refresh-SECRET");
    assertThat(launches.toString()).contains("URL token", ISSUER);
  }

  @Test
  void builder_providerWithoutKeys_fails() {
    var noKeys =
        dev.lanyard.provider.ProviderMetadata.builder(java.net.URI.create("https://x.org/token"))
            .build();
    assertThatThrownBy(() -> LaunchTokenVerifier.builder(noKeys))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs an issuer and a jwks_uri");
  }
}
