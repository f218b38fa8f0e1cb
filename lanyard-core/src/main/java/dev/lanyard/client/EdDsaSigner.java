package dev.lanyard.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Set;

/**
 * Ed25519 signatures with the JDK's own provider: nimbus-jose-jwt signs EdDSA only with Google
 * Tink, which Lanyard does not depend on.
 */
final class EdDsaSigner implements JWSSigner {
  private final PrivateKey key;
  private final JCAContext context = new JCAContext();

  EdDsaSigner(PrivateKey key) {
    this.key = key;
  }

  @Override
  public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(signingInput);
      return Base64URL.encode(s.sign());
    } catch (GeneralSecurityException e) {
      throw new JOSEException("Ed25519 signing failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Set<JWSAlgorithm> supportedJWSAlgorithms() {
    return Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
  }

  @Override
  public JCAContext getJCAContext() {
    return context;
  }
}
