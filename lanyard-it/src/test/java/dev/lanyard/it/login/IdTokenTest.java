package dev.lanyard.it.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.InvalidTokenException;
import dev.lanyard.it.support.Browser;
import dev.lanyard.login.LoginResult;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.transport.Transport;
import dev.lanyard.verify.IdTokenVerifier;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * ID tokens from real sign-ins against Keycloak's JWKS. Forged tokens (other key, alg none, HS256
 * with the public key, expired, wrong nonce) are unit tests in lanyard-core.
 */
class IdTokenTest extends SignInTestBase {

  @Test
  void idToken_fromKeycloak_verifiesForItsClientNotForAnother() throws Exception {
    String idToken = signInAlice(null).tokens().idToken().orElseThrow();
    ProviderMetadata provider = Lab.provider();

    IdTokenVerifier forCli = IdTokenVerifier.forProvider(provider, "cli", Transport.defaults());
    assertThat(forCli.verify(idToken).email()).contains(Lab.ALICE_EMAIL);

    IdTokenVerifier forOther =
        IdTokenVerifier.forProvider(provider, "cli-short", Transport.defaults());
    assertThatThrownBy(() -> forOther.verify(idToken))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("audience")
        .hasMessageContaining("cli-short")
        .hasMessageNotContaining(idToken);
  }

  @Test
  void idToken_afterKeyRotation_sameVerifierRefetchesJwks() throws Exception {
    ProviderMetadata provider = Lab.provider();
    MovableClock clock = new MovableClock();
    IdTokenVerifier verifier =
        IdTokenVerifier.builder()
            .issuer(provider.issuer().orElseThrow().toString())
            .clientId("cli")
            .jwksUri(provider.jwksUri().orElseThrow())
            .algorithms(provider.idTokenSigningAlgs())
            .clock(clock)
            .build();
    String before = Lab.kid(signInAlice(verifier).tokens().idToken().orElseThrow());

    String name = "lanyard-it-rotation-" + System.currentTimeMillis();
    String component = KeycloakKeys.addRsaKey(name, 200);
    String rotated = KeycloakKeys.kidOf(component);
    try {
      // An unknown key id refetches the JWKS at most every 30 s: move the verifier's clock past it.
      clock.advance(Duration.ofSeconds(31));
      LoginResult after = signInAlice(verifier);

      assertThat(Lab.kid(after.tokens().idToken().orElseThrow()))
          .isEqualTo(rotated)
          .isNotEqualTo(before);
      assertThat(after.identity().orElseThrow().email()).contains(Lab.ALICE_EMAIL);
    } finally {
      // The realm's first key signs again, as other tests expect; the new one stays published.
      KeycloakKeys.setPriority(component, 50);
    }
    assertThat(KeycloakKeys.kidOf(component)).as("rotated key kept").isEqualTo(rotated);
  }

  /** A browser sign-in of alice, its ID token checked by {@code verifier} (null: the default). */
  private static LoginResult signInAlice(IdTokenVerifier verifier) throws Exception {
    try (Browser browser = Browser.start()) {
      ChromiumLauncher launcher = new ChromiumLauncher(browser, Person.alice()::signsInAtLoopback);
      var builder = Lab.browserLogin("cli");
      if (verifier != null) {
        builder.verifier(verifier);
      }
      return launcher.login(launcher.build(builder));
    }
  }

  /** The system clock plus an offset the test moves. */
  private static final class MovableClock implements InstantSource {
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    void advance(Duration d) {
      offset.updateAndGet(o -> o.plus(d));
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset.get());
    }
  }
}
