package dev.lanyard.verify;

import static dev.lanyard.internal.jwt.Forge.CLIENT;
import static dev.lanyard.internal.jwt.Forge.ISSUER;
import static dev.lanyard.internal.jwt.Forge.NOW;
import static dev.lanyard.internal.jwt.Forge.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import dev.lanyard.InvalidTokenException;
import dev.lanyard.internal.jwt.Forge;
import dev.lanyard.internal.jwt.JwksServer;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Valid tokens, and each claim check: iss, aud, azp, exp, iat, sub, nonce. */
class IdTokenVerifierTest {
  private static final RSAKey RSA = Forge.rsa("rsa-1");
  private static final ECKey EC = Forge.ec(Curve.P_256, "ec-1");
  private static final ECKey EC384 = Forge.ec(Curve.P_384, "ec-384");

  private final Forge.Clock clock = new Forge.Clock();
  private JwksServer server;
  private IdTokenVerifier verifier;

  @BeforeEach
  void start() throws IOException {
    server = new JwksServer().serve(RSA, EC, EC384);
    verifier = verifier(List.of("RS256", "PS256", "ES256", "ES384"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private IdTokenVerifier verifier(List<String> algorithms) {
    return IdTokenVerifier.builder()
        .issuer(ISSUER)
        .clientId(CLIENT)
        .jwksUri(server.uri())
        .algorithms(algorithms)
        .clock(clock)
        .transport(Transport.builder().maxRetries(0).build())
        .build();
  }

  static Stream<Arguments> validTokens() {
    return Stream.of(
        Arguments.of(JWSAlgorithm.RS256, RSA),
        Arguments.of(JWSAlgorithm.PS256, RSA),
        Arguments.of(JWSAlgorithm.ES256, EC),
        Arguments.of(JWSAlgorithm.ES384, EC384));
  }

  @ParameterizedTest
  @MethodSource("validTokens")
  void verify_validToken_identity(JWSAlgorithm alg, JWK key) throws IOException {
    Identity id = verifier.verify(sign(key, alg, b -> b.claim("name", "Alice A.")));

    assertThat(id.issuer()).isEqualTo(ISSUER);
    assertThat(id.subject()).isEqualTo("f3a1-subject");
    assertThat(id.audience()).containsExactly(CLIENT);
    assertThat(id.email()).contains("alice@example.org");
    assertThat(id.emailVerified()).isTrue();
    assertThat(id.name()).contains("Alice A.");
    assertThat(id.issuedAt()).isEqualTo(NOW);
    assertThat(id.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    assertThat(id.displayName()).isEqualTo("alice@example.org");
  }

  @Test
  void verify_algorithmNotInAllowList_rejected() throws IOException {
    IdTokenVerifier rsOnly = verifier(List.of("RS256"));

    Forge.assertRejected(
        rsOnly, sign(EC), "ID token algorithm ES256 is not in the allowed list [RS256]");
  }

  @Test
  void verify_wrongIssuer_rejected() {
    assertRejected(sign(RSA, b -> b.issuer("https://evil.example.org")), "issuer");
    assertRejected(sign(RSA, b -> b.issuer(ISSUER + "/")), "issuer");
    assertRejected(sign(RSA, b -> b.issuer(null)), "ID token has no iss");
  }

  @Test
  void verify_wrongAudience_rejected() {
    assertRejected(
        sign(RSA, b -> b.audience("other")),
        "ID token audience [other] does not contain client cli");
    assertRejected(sign(RSA, b -> b.audience((String) null)), "audience [] does not contain");
  }

  @Test
  void verify_severalAudiencesWithoutAzp_rejected() {
    assertRejected(
        sign(RSA, b -> b.audience(List.of(CLIENT, "api"))),
        "ID token has several audiences [cli, api] but no azp");
  }

  @Test
  void verify_severalAudiencesAzpIsClient_ok() throws IOException {
    Identity id =
        verifier.verify(sign(RSA, b -> b.audience(List.of(CLIENT, "api")).claim("azp", CLIENT)));

    assertThat(id.audience()).containsExactly(CLIENT, "api");
  }

  @Test
  void verify_azpOtherClient_rejected() {
    assertRejected(sign(RSA, b -> b.claim("azp", "other")), "ID token azp other is not client cli");
  }

  @Test
  void verify_expiredBeyondSkew_rejected() {
    assertRejected(sign(RSA, exp(Duration.ofSeconds(-61))), "ID token expired at");
    // exactly at the skew: now - skew < exp is false
    assertRejected(sign(RSA, exp(Duration.ofSeconds(-60))), "ID token expired at");
  }

  @Test
  void verify_expiredWithinSkew_ok() throws IOException {
    assertThat(verifier.verify(sign(RSA, exp(Duration.ofSeconds(-59)))).subject())
        .isEqualTo("f3a1-subject");
  }

  @Test
  void verify_clockMovesPastExpiry_rejected() throws IOException {
    String token = sign(RSA);
    verifier.verify(token);

    clock.advance(Duration.ofMinutes(6));

    assertRejected(token, "ID token expired at 2025-01-01T10:05:00Z");
  }

  @Test
  void verify_issuedInFutureBeyondSkew_rejected() throws IOException {
    assertRejected(sign(RSA, iat(Duration.ofSeconds(61))), "ID token was issued in the future");
    assertThat(verifier.verify(sign(RSA, iat(Duration.ofSeconds(59))))).isNotNull();
  }

  @Test
  void verify_notBeforeInFuture_rejected() {
    assertRejected(
        sign(RSA, b -> b.notBeforeTime(Date.from(NOW.plusSeconds(120)))),
        "ID token is not valid before");
  }

  @Test
  void verify_missingRequiredClaims_rejected() {
    assertRejected(sign(RSA, b -> b.expirationTime(null)), "ID token has no exp");
    assertRejected(sign(RSA, b -> b.issueTime(null)), "ID token has no iat");
    assertRejected(sign(RSA, b -> b.subject(null)), "ID token has no sub");
    assertRejected(sign(RSA, b -> b.subject("")), "ID token has no sub");
  }

  @Test
  void verify_mistypedClaims_rejected() {
    assertRejected(Forge.signRaw(RSA, json("\"iss\":42")), "ID token claims are malformed");
    assertRejected(
        Forge.signRaw(RSA, json("\"aud\":[\"cli\",7]")), "ID token claims are malformed");
    assertRejected(Forge.signRaw(RSA, json("\"exp\":\"soon\"")), "ID token claims are malformed");
    assertRejected(Forge.signRaw(RSA, "[1,2]"), "ID token claims are malformed");
    assertRejected(Forge.signRaw(RSA, json("\"azp\":[\"cli\"]")), "claim azp is not a string");
  }

  @Test
  void verify_rightNonce_ok() throws IOException {
    assertThat(verifier.verify(sign(RSA, b -> b.claim("nonce", "n-0S6_WzA2Mj")), "n-0S6_WzA2Mj"))
        .isNotNull();
  }

  @Test
  void verify_wrongNonce_rejected() {
    String token = sign(RSA, b -> b.claim("nonce", "n-attacker"));

    assertThatThrownBy(() -> verifier.verify(token, "n-0S6_WzA2Mj"))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessage("ID token nonce does not match the one the sign-in request sent");
  }

  @Test
  void verify_missingNonceWhenExpected_rejected() {
    assertThatThrownBy(() -> verifier.verify(sign(RSA), "n-0S6_WzA2Mj"))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessage("ID token has no nonce, but the sign-in request sent one");
  }

  @Test
  void verify_nonceNotExpected_notChecked() throws IOException {
    assertThat(verifier.verify(sign(RSA, b -> b.claim("nonce", "from-elsewhere")))).isNotNull();
  }

  @Test
  void verify_allClaimsRaw_plainValues() throws IOException {
    String payload =
        json(
            "\"email_verified\":\"true\",\"preferred_username\":\"alice\",\"nickname\":null,"
                + "\"groups\":[\"lab\",null,\"ops\"],\"address\":{\"country\":\"NL\",\"zip\":null},"
                + "\"score\":1.5");
    Identity id = verifier.verify(Forge.signRaw(RSA, payload));

    assertThat(id.emailVerified()).isTrue();
    assertThat(id.preferredUsername()).contains("alice");
    Map<String, Object> claims = id.claims();
    assertThat(claims).doesNotContainKey("nickname");
    assertThat(claims.get("groups")).isEqualTo(List.of("lab", "ops"));
    assertThat(claims.get("address")).isEqualTo(Map.of("country", "NL"));
    assertThat(claims.get("score")).isEqualTo(1.5);
    assertThat(claims.get("exp")).isEqualTo(NOW.plusSeconds(300).getEpochSecond());
    assertThat(claims.get("aud")).isEqualTo(CLIENT);
  }

  @Test
  void verify_emailVerifiedFalseOrAbsent_notVerified() throws IOException {
    Identity unverified = verifier.verify(sign(RSA, b -> b.claim("email_verified", "false")));
    Identity absent = verifier.verify(sign(RSA, b -> b.claim("email_verified", null)));

    assertThat(unverified.emailVerified()).isFalse();
    assertThat(absent.emailVerified()).isFalse();
    assertThat(absent.displayName()).isEqualTo("f3a1-subject");
  }

  private static UnaryOperator<com.nimbusds.jwt.JWTClaimsSet.Builder> exp(Duration fromNow) {
    return b -> b.expirationTime(Date.from(NOW.plus(fromNow)));
  }

  private static UnaryOperator<com.nimbusds.jwt.JWTClaimsSet.Builder> iat(Duration fromNow) {
    return b -> b.issueTime(Date.from(NOW.plus(fromNow)));
  }

  /** Valid claims as JSON, with {@code extra} members replacing or adding to them. */
  private static String json(String extra) {
    long now = NOW.getEpochSecond();
    Map<String, String> base = new java.util.LinkedHashMap<>();
    base.put("iss", "\"" + ISSUER + "\"");
    base.put("sub", "\"s-1\"");
    base.put("aud", "\"cli\"");
    base.put("iat", Long.toString(now));
    base.put("exp", Long.toString(now + 300));
    StringBuilder b = new StringBuilder("{");
    base.forEach(
        (k, v) -> {
          if (!extra.contains("\"" + k + "\":")) {
            b.append('"').append(k).append("\":").append(v).append(',');
          }
        });
    return b.append(extra).append('}').toString();
  }

  private void assertRejected(String token, String message) {
    Forge.assertRejected(verifier, token, message);
  }
}
