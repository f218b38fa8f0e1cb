package dev.lanyard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientKeyTest {
  @TempDir Path dir;

  static KeyPair pair(String algorithm) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
    if (algorithm.equals("EC")) {
      g.initialize(new ECGenParameterSpec("secp256r1"));
    } else if (algorithm.equals("RSA")) {
      g.initialize(2048);
    }
    return g.generateKeyPair();
  }

  /** A PKCS#8 PEM file, owner-only. */
  Path pem(KeyPair pair, String name) throws Exception {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(pair.getPrivate().getEncoded());
    return write(name, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
  }

  Path write(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    return f;
  }

  @Test
  void load_rsaPem_rs256ByDefault_psOnRequest_signaturesVerify() throws Exception {
    KeyPair rsa = pair("RSA");
    ClientKey key = ClientKey.load(pem(rsa, "rsa.pem")).withKeyId("k1");
    assertThat(key.algorithm()).isEqualTo("RS256");
    assertThat(key.keyId()).contains("k1");
    JWSVerifier verifier = new RSASSAVerifier((RSAPublicKey) rsa.getPublic());
    for (ClientKey k : new ClientKey[] {key, key.withAlgorithm("PS256")}) {
      SignedJWT jwt = SignedJWT.parse(k.sign(Map.of("sub", "service")));
      assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo(k.algorithm());
      assertThat(jwt.getHeader().getKeyID()).isEqualTo("k1");
      assertThat(jwt.verify(verifier)).isTrue();
    }
  }

  @Test
  void load_ecPem_es256_signatureVerifies() throws Exception {
    KeyPair ec = pair("EC");
    ClientKey key = ClientKey.load(pem(ec, "ec.pem"));
    assertThat(key.algorithm()).isEqualTo("ES256");
    assertThat(key.keyId()).isEmpty();
    SignedJWT jwt = SignedJWT.parse(key.sign(Map.of("sub", "service")));
    assertThat(jwt.verify(new ECDSAVerifier((ECPublicKey) ec.getPublic()))).isTrue();
  }

  @Test
  void load_ed25519Pem_edDsa_signatureVerifiesWithTheJdk() throws Exception {
    KeyPair ed = pair("Ed25519");
    ClientKey key = ClientKey.load(pem(ed, "ed.pem"));
    assertThat(key.algorithm()).isEqualTo("EdDSA");
    String[] parts = key.sign(Map.of("sub", "service")).split("\\.");
    Signature s = Signature.getInstance("Ed25519");
    s.initVerify(ed.getPublic());
    s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(s.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
  }

  @Test
  void load_privateJwk_kidAndAlgorithmFromTheFile() throws Exception {
    KeyPair ec = pair("EC");
    ECKey jwk =
        new ECKey.Builder(Curve.P_256, (ECPublicKey) ec.getPublic())
            .privateKey(ec.getPrivate())
            .keyID("ec-7")
            .build();
    ClientKey key = ClientKey.load(write("ec.jwk", jwk.toJSONString()));
    assertThat(key.keyId()).contains("ec-7");
    assertThat(key.algorithm()).isEqualTo("ES256");
    assertThat(key.toString()).doesNotContain(jwk.getD().toString());
  }

  @Test
  void load_groupReadable_refusedNamingChmod() throws Exception {
    Path f = pem(pair("EC"), "open.pem");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
    assertThatThrownBy(() -> ClientKey.load(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("open to other users")
        .hasMessageContaining("chmod 600");
  }

  @Test
  void load_malformedPem_clearError() throws Exception {
    Path f = write("bad.pem", "-----BEGIN PRIVATE KEY-----\nAAAA!!\n-----END PRIVATE KEY-----\n");
    assertThatThrownBy(() -> ClientKey.load(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("client key file " + f)
        .hasMessageNotContaining("AAAA");
    Path g =
        write("pkcs1.pem", "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----");
    assertThatThrownBy(() -> ClientKey.load(g)).hasMessageContaining("openssl pkcs8 -topk8");
    Path h = write("text.pem", "hello");
    assertThatThrownBy(() -> ClientKey.load(h))
        .hasMessageContaining("neither a PKCS#8 PEM private key nor a private JWK");
  }

  @Test
  void withAlgorithm_unsupportedOrNotFitting_refused() throws Exception {
    ClientKey ec = ClientKey.load(pem(pair("EC"), "ec.pem"));
    assertThatThrownBy(() -> ec.withAlgorithm("HS256"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unsupported client assertion algorithm HS256; use one of RS256, PS256, ES256, EdDSA");
    assertThatThrownBy(() -> ec.withAlgorithm("RS256"))
        .hasMessageContaining("cannot sign RS256")
        .hasMessageContaining("EC P-256");
  }
}
