package dev.lanyard.internal.jwt;

import static dev.lanyard.internal.jwt.Forge.ISSUER;
import static dev.lanyard.internal.jwt.Forge.NOW;
import static dev.lanyard.internal.jwt.Forge.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import dev.lanyard.InvalidTokenException;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Access and URL tokens: a valid one, and each check of a generic JWT (exp required). */
class JwtVerifierTest {
  private static final RSAKey RSA = Forge.rsa("rsa-1");
  private static final ECKey EC = Forge.ec(Curve.P_256, "ec-1");
  private static final RSAKey OTHER = Forge.rsa("other");
  private static final RSAKey OTHER_SAME_KID = Forge.rsa("rsa-1");

  private final Forge.Clock clock = new Forge.Clock();
  private JwksServer server;
  private JwtVerifier verifier;

  @BeforeEach
  void start() throws IOException {
    server = new JwksServer().serve(RSA, EC);
    verifier = builder().build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JwtVerifier.Builder builder() {
    return JwtVerifier.builder()
        .issuer(ISSUER)
        .jwksUri(server.uri())
        .clock(clock)
        .transport(Transport.builder().maxRetries(0).build())
        .tokenName("URL token");
  }

  @Test
  void verify_validRs256_claims() throws IOException {
    VerifiedJwt jwt = verifier.verify(sign(RSA, b -> b.claim("entityId", 2220).claim("x", "y")));

    assertThat(jwt.issuer()).isEqualTo(ISSUER);
    assertThat(jwt.subject()).contains("f3a1-subject");
    assertThat(jwt.audience()).containsExactly("cli");
    assertThat(jwt.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    assertThat(jwt.issuedAt()).contains(NOW);
    assertThat(jwt.claims())
        .containsEntry("x", "y")
        .containsEntry("exp", NOW.getEpochSecond() + 300);
    assertThat(jwt.longClaim("entityId")).hasValue(2220);
    assertThat(jwt.stringClaim("x")).contains("y");
    assertThat(jwt.stringClaim("entityId")).isEmpty();
    assertThat(jwt.toString()).contains("f3a1-subject").doesNotContain("eyJ");
  }

  @Test
  void verify_validEs256WithoutSubAudOrIat_accepted() throws IOException {
    VerifiedJwt jwt =
        verifier.verify(sign(EC, b -> b.subject(null).audience((String) null).issueTime(null)));
    assertThat(jwt.subject()).isEmpty();
    assertThat(jwt.audience()).isEmpty();
    assertThat(jwt.issuedAt()).isEmpty();
  }

  @Test
  void verify_expired_rejectedSayingExpired() {
    clock.advance(Duration.ofMinutes(5).plusSeconds(60));
    assertRejected(sign(RSA), "URL token expired at 2025-01-01T10:05:00Z");
  }

  @Test
  void verify_expiredWithinSkew_accepted() throws IOException {
    clock.advance(Duration.ofMinutes(5).plusSeconds(59));
    assertThat(verifier.verify(sign(RSA)).subject()).isPresent();
  }

  @Test
  void verify_missingExp_rejected() {
    assertRejected(
        sign(RSA, b -> b.expirationTime(null)),
        "URL token has no exp; tokens that never expire are not accepted");
  }

  @Test
  void verify_wrongIssuer_rejected() {
    assertRejected(
        sign(RSA, b -> b.issuer("https://evil.example.org")),
        "URL token issuer https://evil.example.org is not the expected " + ISSUER);
    assertRejected(sign(RSA, b -> b.issuer(ISSUER + "/")), "is not the expected");
    assertRejected(sign(RSA, b -> b.issuer(null)), "URL token has no iss");
  }

  @Test
  void verify_audienceRequired_checked() throws IOException {
    JwtVerifier api = builder().audience("lab-api").build();
    assertThat(api.verify(sign(RSA, b -> b.audience(List.of("cli", "lab-api")))).audience())
        .containsExactly("cli", "lab-api");
    assertRejected(
        api, sign(RSA), "URL token audience [cli] does not contain the expected lab-api");
    assertRejected(api, sign(RSA, b -> b.audience((String) null)), "audience [] does not contain");
  }

  @Test
  void verify_signedByAnotherKey_rejected() {
    assertRejected(
        sign(OTHER), "URL token key id other is not among the provider's RS256 signing keys");
    assertRejected(
        sign(OTHER_SAME_KID), "URL token signature does not verify with the provider's key");
  }

  @Test
  void verify_notYetValidOrIssuedInTheFuture_rejected() {
    Date later = Date.from(NOW.plus(Duration.ofMinutes(2)));
    assertRejected(sign(RSA, b -> b.notBeforeTime(later)), "URL token is not valid before");
    assertRejected(sign(RSA, b -> b.issueTime(later)), "URL token was issued in the future");
  }

  @Test
  void verify_wrongClaimTypes_rejected() {
    assertRejected(
        Forge.signRaw(RSA, "{\"iss\":\"" + ISSUER + "\",\"exp\":\"soon\"}"), "malformed");
    assertRejected(
        Forge.signRaw(
            RSA,
            "{\"iss\":\"" + ISSUER + "\",\"exp\":" + (NOW.getEpochSecond() + 60) + ",\"aud\":[1]}"),
        "malformed");
  }

  @Test
  void verify_algorithmOutsideTheList_rejected() {
    JwtVerifier rsOnly = builder().algorithms(List.of("RS256", "HS256")).build();
    assertRejected(
        rsOnly, sign(EC), "URL token algorithm ES256 is not in the allowed list [RS256]");
  }

  @Test
  void verify_notAJwt_rejectedWithoutQuotingIt() {
    assertRejected("not-a-jwt-SECRET", "URL token is not a JWT");
  }

  @Test
  void verify_defaultName_token() {
    JwtVerifier plain =
        JwtVerifier.builder()
            .issuer(ISSUER)
            .jwksUri(server.uri())
            .clock(clock)
            .transport(Transport.builder().maxRetries(0).build())
            .build();
    assertThatThrownBy(() -> plain.verify(sign(RSA, b -> b.expirationTime(null))))
        .hasMessageStartingWith("token has no exp");
  }

  @Test
  void longClaim_numbersAndDigitStrings() throws IOException {
    VerifiedJwt jwt =
        verifier.verify(
            sign(
                RSA,
                b ->
                    b.claim("a", "2220")
                        .claim("b", 7.0)
                        .claim("c", 7.5)
                        .claim("d", "12ab")
                        .claim("e", Map.of("k", 1))));
    assertThat(jwt.longClaim("a")).hasValue(2220);
    assertThat(jwt.longClaim("b")).hasValue(7);
    assertThat(jwt.longClaim("c")).isEmpty();
    assertThat(jwt.longClaim("d")).isEmpty();
    assertThat(jwt.longClaim("e")).isEmpty();
    assertThat(jwt.longClaim("absent")).isEmpty();
  }

  private void assertRejected(String token, String message) {
    assertRejected(verifier, token, message);
  }

  static void assertRejected(JwtVerifier verifier, String token, String message) {
    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token));
  }
}
