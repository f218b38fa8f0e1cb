package dev.lanyard.verify;

import static dev.lanyard.internal.jwt.Forge.CLIENT;
import static dev.lanyard.internal.jwt.Forge.ISSUER;
import static dev.lanyard.internal.jwt.Forge.NOW;
import static dev.lanyard.internal.jwt.Forge.assertRejected;
import static dev.lanyard.internal.jwt.Forge.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import dev.lanyard.IdentityMismatchException;
import dev.lanyard.internal.jwt.Forge;
import dev.lanyard.internal.jwt.JwksServer;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Building verifiers, the expected-identity check, and the insecure reader. */
class IdTokenVerifierSetupTest {
  private static final RSAKey RSA = Forge.rsa("rsa-1");
  private static final ECKey EC = Forge.ec(Curve.P_256, "ec-1");
  private static final URI JWKS = URI.create("https://idp.example.org/certs");

  @Test
  void build_missingIssuer_fails() {
    assertThatThrownBy(() -> IdTokenVerifier.builder().clientId(CLIENT).jwksUri(JWKS).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("issuer is required");
  }

  @Test
  void build_missingClientId_fails() {
    assertThatThrownBy(() -> IdTokenVerifier.builder().issuer(ISSUER).jwksUri(JWKS).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("clientId is required");
  }

  @Test
  void build_missingJwksUri_fails() {
    assertThatThrownBy(() -> IdTokenVerifier.builder().issuer(ISSUER).clientId(CLIENT).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("jwksUri is required");
  }

  @Test
  void build_onlyHmacOrNone_fails() {
    assertThatThrownBy(
            () ->
                IdTokenVerifier.builder()
                    .issuer(ISSUER)
                    .clientId(CLIENT)
                    .jwksUri(JWKS)
                    .algorithms(List.of("HS256", "none"))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("algorithms [HS256, none] name no public-key signature");
  }

  @Test
  void build_plainHttpJwksUri_fails() {
    assertThatThrownBy(
            () ->
                IdTokenVerifier.builder()
                    .issuer(ISSUER)
                    .clientId(CLIENT)
                    .jwksUri(URI.create("http://idp.example.org/certs"))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("jwksUri must use https");
  }

  @Test
  void builder_badValues_fail() {
    IdTokenVerifier.Builder b = IdTokenVerifier.builder();
    assertThatThrownBy(() -> b.issuer(" ")).hasMessage("issuer must not be blank");
    assertThatThrownBy(() -> b.skew(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.jwksUri(URI.create("/certs")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void forProvider_discoveryAlgorithms_areTheAllowList() throws IOException {
    try (JwksServer server = new JwksServer().serve(RSA, EC)) {
      ProviderMetadata provider =
          metadata(server).idTokenSigningAlgs(List.of("RS256", "ES256", "HS256")).build();
      IdTokenVerifier verifier = forProvider(provider);

      assertThat(verifier.verify(signNow(RSA))).isNotNull();
      assertThat(verifier.verify(signNow(EC))).isNotNull();
      assertThat(verifier.toString()).contains("algorithms=[RS256, ES256]");
    }
  }

  @Test
  void forProvider_noAlgorithmsListed_rs256Only() throws IOException {
    try (JwksServer server = new JwksServer().serve(RSA, EC)) {
      IdTokenVerifier verifier = forProvider(metadata(server).build());

      assertThat(verifier.verify(signNow(RSA))).isNotNull();
      assertRejected(
          verifier, signNow(EC), "ID token algorithm ES256 is not in the allowed list [RS256]");
    }
  }

  @Test
  void forProvider_noJwksUri_fails() {
    ProviderMetadata provider =
        ProviderMetadata.builder(URI.create(ISSUER + "/token")).issuer(URI.create(ISSUER)).build();

    assertThatThrownBy(() -> IdTokenVerifier.forProvider(provider, CLIENT, Transport.defaults()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("jwksUri is required");
  }

  @Test
  void requireEmail_sameEmailOtherCase_ok() {
    assertThatCode(
            () ->
                IdTokenVerifier.requireEmail(
                    identity("Alice@Example.ORG", true), "alice@example.org"))
        .doesNotThrowAnyException();
  }

  @Test
  void requireEmail_otherEmail_mismatch() {
    assertThatThrownBy(
            () ->
                IdTokenVerifier.requireEmail(
                    identity("bob@example.org", true), "alice@example.org"))
        .isInstanceOf(IdentityMismatchException.class)
        .hasMessage(
            "signed in as bob@example.org, but alice@example.org was expected; nothing was stored");
  }

  @Test
  void requireEmail_unverifiedEmail_mismatch() {
    assertThatThrownBy(
            () ->
                IdTokenVerifier.requireEmail(
                    identity("alice@example.org", false), "alice@example.org"))
        .isInstanceOf(IdentityMismatchException.class)
        .hasMessage(
            "signed in as alice@example.org (an e-mail the provider has not verified), but"
                + " alice@example.org was expected; nothing was stored");
  }

  @Test
  void requireEmail_noEmail_mismatch() {
    assertThatThrownBy(
            () -> IdTokenVerifier.requireEmail(identity(null, false), "alice@example.org"))
        .isInstanceOf(IdentityMismatchException.class)
        .hasMessageStartingWith("signed in as subject s-1 (the ID token has no e-mail)");
  }

  @Test
  void insecureNoVerification_unknownKeyExpiredOtherAudience_claimsReadWithWarning()
      throws IOException {
    RSAKey unknown = Forge.rsa("nobody-knows");
    String token =
        sign(
            unknown,
            b -> b.audience("someone-else").expirationTime(Date.from(NOW.minusSeconds(86_400))));
    IdTokenVerifier insecure = IdTokenVerifier.insecureNoVerification();

    String log;
    Identity id;
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      id = insecure.verify(token);
      insecure.verify(token, "any-nonce");
    } finally {
      System.setErr(original);
      log = captured.toString(StandardCharsets.UTF_8);
    }

    assertThat(id.subject()).isEqualTo("f3a1-subject");
    assertThat(id.audience()).containsExactly("someone-else");
    assertThat(id.email()).contains("alice@example.org");
    assertThat(id.claims()).containsEntry("iss", ISSUER);
    assertThat(log.lines().filter(l -> l.contains("WARN") && l.contains("verification is OFF")))
        .hasSize(2);
    assertThat(log).doesNotContain(token);
    assertThat(insecure.toString()).contains("INSECURE");
  }

  private static ProviderMetadata.Builder metadata(JwksServer server) {
    return ProviderMetadata.builder(URI.create(ISSUER + "/token"))
        .issuer(URI.create(ISSUER))
        .jwksUri(server.uri());
  }

  private static IdTokenVerifier forProvider(ProviderMetadata provider) {
    return IdTokenVerifier.forProvider(provider, CLIENT, Transport.builder().maxRetries(0).build());
  }

  /** forProvider verifiers use the system clock: tokens signed now. */
  private static String signNow(com.nimbusds.jose.jwk.JWK key) {
    long now = System.currentTimeMillis();
    return sign(key, b -> b.issueTime(new Date(now)).expirationTime(new Date(now + 300_000)));
  }

  private static Identity identity(String email, boolean verified) {
    return new Identity(
        ISSUER, "s-1", List.of(CLIENT), email, verified, null, null, NOW, NOW, Map.of());
  }
}
