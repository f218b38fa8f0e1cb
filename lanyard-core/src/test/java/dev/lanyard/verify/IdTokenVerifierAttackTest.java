package dev.lanyard.verify;

import static dev.lanyard.internal.jwt.Forge.CLIENT;
import static dev.lanyard.internal.jwt.Forge.ISSUER;
import static dev.lanyard.internal.jwt.Forge.assertRejected;
import static dev.lanyard.internal.jwt.Forge.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.internal.jwt.Forge;
import dev.lanyard.internal.jwt.JwksServer;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Forged tokens: every one is rejected, and no rejection needs more than the JWKS. */
class IdTokenVerifierAttackTest {
  private static final RSAKey PROVIDER = Forge.rsa("rsa-1");
  private static final RSAKey ATTACKER_SAME_KID = Forge.rsa("rsa-1");
  private static final RSAKey ATTACKER = Forge.rsa("attacker");

  private JwksServer server;
  private IdTokenVerifier verifier;

  @BeforeEach
  void start() throws IOException {
    server = new JwksServer().serve(PROVIDER);
    verifier = verifier(List.of("RS256"));
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
        .clock(new Forge.Clock())
        .transport(Transport.builder().maxRetries(0).build())
        .build();
  }

  @Test
  void verify_signedByProvider_ok() throws IOException {
    assertThat(verifier.verify(sign(PROVIDER)).subject()).isEqualTo("f3a1-subject");
  }

  @Test
  void verify_otherKeySameKid_rejected() {
    assertRejected(
        verifier,
        sign(ATTACKER_SAME_KID),
        "ID token signature does not verify with the provider's key");
  }

  @Test
  void verify_attackerKeyEmbeddedInHeader_rejected() throws JOSEException {
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.RS256)
            .keyID("rsa-1")
            .jwk(ATTACKER.toPublicJWK())
            .build();

    assertRejected(verifier, sign(header, ATTACKER, b -> b), "signature does not verify");
  }

  @Test
  void verify_plainJwt_rejectedWithoutFetchingKeys() {
    String token = new PlainJWT(Forge.claims().build()).serialize();

    assertRejected(
        verifier, token, "ID token is unsigned (alg none); unsigned tokens are never accepted");
    assertThat(server.fetches()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
  void verify_handCraftedNone_rejected(String alg) {
    String header = b64("{\"alg\":\"" + alg + "\",\"kid\":\"rsa-1\"}");
    String claims = Forge.claims().build().toPayload().toBase64URL().toString();

    assertRejected(verifier, header + "." + claims + ".", "ID token");
    assertThat(server.fetches()).isZero();
  }

  @Test
  void verify_handCraftedNoneWithProviderSignature_rejected() {
    // A real signature left behind after the header was swapped for alg none.
    String real = sign(PROVIDER);
    String forged = b64("{\"alg\":\"none\"}") + real.substring(real.indexOf('.'));

    assertRejected(verifier, forged, "ID token");
  }

  @Test
  void verify_hs256WithPublicKeyDerAsSecret_rejected() throws Exception {
    byte[] secret = PROVIDER.toRSAPublicKey().getEncoded();

    assertRejected(verifier, hs256(secret), "ID token algorithm HS256 is never accepted");
    assertThat(server.fetches()).isZero();
  }

  @Test
  void verify_hs256WithPublicJwkJsonAsSecret_rejected() throws Exception {
    byte[] secret = PROVIDER.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);

    assertRejected(verifier, hs256(secret), "ID token algorithm HS256 is never accepted");
  }

  @Test
  void verify_hs256InAllowList_stillRejected() throws Exception {
    IdTokenVerifier lenient = verifier(List.of("RS256", "HS256", "HS512", "none"));
    byte[] secret = PROVIDER.toRSAPublicKey().getEncoded();

    assertRejected(lenient, hs256(secret), "ID token algorithm HS256 is never accepted");
    assertThat(lenient.toString()).contains("algorithms=[RS256]");
  }

  @Test
  void verify_encryptedJwt_rejected() throws JOSEException {
    EncryptedJWT jwe =
        new EncryptedJWT(
            new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A128GCM),
            Forge.claims().build());
    jwe.encrypt(new RSAEncrypter(PROVIDER));

    assertRejected(verifier, jwe.serialize(), "ID token is encrypted (JWE)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "not a token", "a.b.c", "eyJhbGciOiJSUzI1NiJ9", "....", "e30.e30.e30"})
  void verify_garbage_rejected(String garbage) {
    assertRejected(verifier, garbage, "ID token");
  }

  @Test
  void verify_signatureStripped_rejected() {
    String real = sign(PROVIDER);

    assertRejected(verifier, real.substring(0, real.lastIndexOf('.') + 1), "ID token");
  }

  @Test
  void verify_claimsSwappedUnderRealSignature_rejected() {
    String real = sign(PROVIDER);
    String evilClaims =
        Forge.claims().subject("admin").build().toPayload().toBase64URL().toString();
    String[] parts = real.split("\\.");

    assertRejected(
        verifier, parts[0] + "." + evilClaims + "." + parts[2], "signature does not verify");
  }

  @Test
  void verify_keyMarkedForEncryption_notUsed() throws IOException {
    RSAKey enc = new RSAKey.Builder(PROVIDER).keyUse(KeyUse.ENCRYPTION).build();
    server.serve(enc);
    IdTokenVerifier fresh = verifier(List.of("RS256"));

    assertRejected(
        fresh,
        sign(PROVIDER),
        "ID token key id rsa-1 is not among the provider's RS256 signing keys");
  }

  @Test
  void verify_keyForOtherAlgorithm_notUsed() {
    server.serve(new RSAKey.Builder(PROVIDER).algorithm(JWSAlgorithm.PS256).build());
    IdTokenVerifier fresh = verifier(List.of("RS256", "PS256"));

    assertRejected(fresh, sign(PROVIDER), "is not among the provider's RS256 signing keys");
  }

  @Test
  void verify_shortRsaKey_notUsed() throws Exception {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
    g.initialize(1024);
    java.security.KeyPair pair = g.generateKeyPair();
    RSAKey weak =
        new RSAKey.Builder((java.security.interfaces.RSAPublicKey) pair.getPublic())
            .privateKey(pair.getPrivate())
            .keyID("weak")
            .build();
    server.serve(weak);
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("weak").build(),
            Forge.claims().build());
    jwt.sign(
        new com.nimbusds.jose.crypto.RSASSASigner(
            pair.getPrivate(),
            java.util.Set.of(com.nimbusds.jose.crypto.opts.AllowWeakRSAKey.getInstance())));

    assertRejected(verifier(List.of("RS256")), jwt.serialize(), "is not among the provider's");
  }

  private static String hs256(byte[] secret) throws JOSEException {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(),
            Forge.claims().build());
    jwt.sign(new MACSigner(secret));
    return jwt.serialize();
  }

  private static String b64(String json) {
    return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
