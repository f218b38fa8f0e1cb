package dev.lanyard.internal.jwt;

import static dev.lanyard.internal.jwt.Forge.CLIENT;
import static dev.lanyard.internal.jwt.Forge.ISSUER;
import static dev.lanyard.internal.jwt.Forge.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import dev.lanyard.transport.Transport;
import dev.lanyard.verify.IdTokenVerifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EdDSA through the JDK (nimbus' own EdDSA verifier needs Tink, which Lanyard does not ship). */
class EdDsaTest {
  // RFC 8037 appendix A.2 (public key) and A.4 (signature over "Example of Ed25519 signing").
  private static final String RFC_KEY =
      "{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
          + "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";
  private static final String RFC_JWS =
      "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
          + ".hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

  @Test
  void signatures_rfc8037Vector_verifies() throws Exception {
    OctetKeyPair key = OctetKeyPair.parse(RFC_KEY);

    assertThat(Signatures.compatible(key, JWSAlgorithm.EdDSA)).isTrue();
    assertThat(Signatures.verify(JWSObject.parse(RFC_JWS), key)).isTrue();
  }

  @Test
  void signatures_rfc8037VectorTampered_fails() throws Exception {
    OctetKeyPair key = OctetKeyPair.parse(RFC_KEY);
    String tampered =
        RFC_JWS.replace(
            ".RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc", ".RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmC");

    assertThat(Signatures.verify(JWSObject.parse(tampered), key)).isFalse();
  }

  @Test
  void signatures_okpKeyForOtherCurveOrAlgorithm_incompatible() throws Exception {
    OctetKeyPair key = OctetKeyPair.parse(RFC_KEY);

    assertThat(Signatures.compatible(key, JWSAlgorithm.Ed25519)).isTrue();
    assertThat(Signatures.compatible(key, JWSAlgorithm.Ed448)).isFalse();
    assertThat(Signatures.compatible(key, JWSAlgorithm.RS256)).isFalse();
    assertThat(Signatures.compatible(key, JWSAlgorithm.ES256)).isFalse();
  }

  @Test
  void verify_ed25519TokenFromJdkKey_ok() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    OctetKeyPair jwk =
        new OctetKeyPair.Builder(
                Curve.Ed25519, Base64URL.encode(encode((EdECPublicKey) pair.getPublic())))
            .keyID("ed-1")
            .build();
    String token = sign(pair, new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID("ed-1").build());
    KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    String forged = sign(other, new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID("ed-1").build());

    try (JwksServer server = new JwksServer().serve(jwk)) {
      IdTokenVerifier verifier =
          IdTokenVerifier.builder()
              .issuer(ISSUER)
              .clientId(CLIENT)
              .jwksUri(server.uri())
              .algorithms(List.of("EdDSA"))
              .clock(new Forge.Clock())
              .transport(Transport.builder().maxRetries(0).build())
              .build();

      assertThat(verifier.verify(token).subject()).isEqualTo("f3a1-subject");
      assertRejected(verifier, forged, "signature does not verify");
    }
  }

  /** RFC 8032: y little-endian, x's parity in the top bit of the last byte. */
  private static byte[] encode(EdECPublicKey key) {
    byte[] y = key.getPoint().getY().toByteArray();
    byte[] out = new byte[32];
    for (int i = 0; i < y.length && i < 32; i++) {
      out[i] = y[y.length - 1 - i];
    }
    if (key.getPoint().isXOdd()) {
      out[31] |= (byte) 0x80;
    }
    return out;
  }

  private static String sign(KeyPair pair, JWSHeader header) throws GeneralSecurityException {
    String input = header.toBase64URL() + "." + Forge.claims().build().toPayload().toBase64URL();
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(pair.getPrivate());
    s.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + Base64URL.encode(s.sign());
  }
}
