package dev.lanyard.internal.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.InvalidTokenException;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which algorithms and keys may check a token's signature, and the check itself.
 *
 * <p>Only public-key signatures are ever accepted. An HMAC algorithm would let anyone who knows the
 * provider's public key (everyone) forge tokens by using it as the shared secret, so HS* is refused
 * even when an allow-list names it.
 */
final class Signatures {
  /** RS*, PS*, ES*, EdDSA, Ed25519, Ed448. */
  static final Set<JWSAlgorithm> ASYMMETRIC;

  static {
    Set<JWSAlgorithm> s = new HashSet<>();
    s.addAll(JWSAlgorithm.Family.RSA);
    s.addAll(JWSAlgorithm.Family.EC);
    s.addAll(JWSAlgorithm.Family.ED);
    ASYMMETRIC = Set.copyOf(s);
  }

  /**
   * The public-key algorithms among {@code names}, in order, without repeats; HMAC and {@code none}
   * are dropped.
   *
   * @throws IllegalStateException when none is left
   */
  static List<JWSAlgorithm> allowList(List<String> names) {
    List<JWSAlgorithm> allowed = new ArrayList<>();
    for (String name : names) {
      JWSAlgorithm alg = JWSAlgorithm.parse(name);
      if (asymmetric(alg) && !allowed.contains(alg)) {
        allowed.add(alg);
      }
    }
    if (allowed.isEmpty()) {
      throw new IllegalStateException(
          "algorithms "
              + names
              + " name no public-key signature (RS, PS, ES, EdDSA); HMAC and none are never"
              + " accepted");
    }
    return List.copyOf(allowed);
  }

  /** Shorter RSA keys can be factored; no provider worth trusting still uses them. */
  static final int MIN_RSA_BITS = 2048;

  private Signatures() {}

  static boolean asymmetric(JWSAlgorithm alg) {
    return alg != null && ASYMMETRIC.contains(alg);
  }

  /** True when {@code key} is a public signing key that can check an {@code alg} signature. */
  static boolean compatible(JWK key, JWSAlgorithm alg) {
    if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
      return false;
    }
    if (key.getKeyOperations() != null && !key.getKeyOperations().contains(KeyOperation.VERIFY)) {
      return false;
    }
    if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(alg.getName())) {
      return false;
    }
    if (JWSAlgorithm.Family.RSA.contains(alg)) {
      return key instanceof RSAKey rsa && rsa.size() >= MIN_RSA_BITS;
    }
    if (JWSAlgorithm.Family.EC.contains(alg)) {
      return key instanceof ECKey ec && Curve.forJWSAlgorithm(alg).contains(ec.getCurve());
    }
    if (key instanceof OctetKeyPair okp) {
      Curve crv = okp.getCurve();
      if (JWSAlgorithm.EdDSA.equals(alg)) {
        return Curve.Ed25519.equals(crv) || Curve.Ed448.equals(crv);
      }
      return (JWSAlgorithm.Ed25519.equals(alg) && Curve.Ed25519.equals(crv))
          || (JWSAlgorithm.Ed448.equals(alg) && Curve.Ed448.equals(crv));
    }
    return false;
  }

  /** True when {@code key} (already {@link #compatible}) made the object's signature. */
  static boolean verify(JWSObject jws, JWK key) throws JOSEException {
    if (key instanceof RSAKey rsa) {
      return jws.verify(new RSASSAVerifier(rsa));
    }
    if (key instanceof ECKey ec) {
      return jws.verify(new ECDSAVerifier(ec));
    }
    if (key instanceof OctetKeyPair okp) {
      return verifyEdDsa(jws, okp);
    }
    return false;
  }

  /**
   * EdDSA with the JDK's own implementation: nimbus' {@code Ed25519Verifier} needs Google Tink, an
   * optional dependency Lanyard does not bring along.
   */
  private static boolean verifyEdDsa(JWSObject jws, OctetKeyPair okp) throws JOSEException {
    Set<String> crit = jws.getHeader().getCriticalParams();
    if (crit != null && !crit.isEmpty()) {
      return false; // no critical header parameter is understood, so none may be ignored
    }
    boolean ed25519 = Curve.Ed25519.equals(okp.getCurve());
    NamedParameterSpec spec = ed25519 ? NamedParameterSpec.ED25519 : NamedParameterSpec.ED448;
    byte[] x = okp.getDecodedX();
    if (x.length != (ed25519 ? 32 : 57)) {
      return false;
    }
    try {
      PublicKey publicKey =
          KeyFactory.getInstance("EdDSA").generatePublic(new EdECPublicKeySpec(spec, point(x)));
      Signature signature = Signature.getInstance("EdDSA");
      signature.initVerify(publicKey);
      signature.update(jws.getSigningInput());
      return signature.verify(jws.getSignature().decode());
    } catch (SignatureException malformed) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new JOSEException("cannot check an EdDSA signature: " + e.getMessage(), e);
    }
  }

  /**
   * Fails unless a key of the provider's JWKS, chosen by {@code kid} and compatible with the
   * token's algorithm (already allowed), made the signature. An unknown key refetches the JWKS.
   * Messages call the token {@code name}.
   */
  static void check(SignedJWT jwt, JwksCache jwks, String name) throws IOException {
    JWSHeader header = jwt.getHeader();
    JWKSet keys = jwks.current();
    List<JWK> candidates = candidates(keys, header);
    if (candidates.isEmpty()) {
      Optional<JWKSet> fresh = jwks.refetch(keys);
      if (fresh.isPresent()) {
        candidates = candidates(fresh.get(), header);
      }
      if (candidates.isEmpty()) {
        String kid = header.getKeyID();
        throw invalid(
            (kid == null
                    ? name + " names no key id, and the provider's JWKS has no "
                    : name + " key id " + ClaimValues.shown(kid) + " is not among the provider's ")
                + header.getAlgorithm()
                + " signing keys"
                + (fresh.isPresent()
                    ? ", even after refetching the JWKS"
                    : " (JWKS not refetched: the last fetch was less than the refetch interval"
                        + " ago)"));
      }
    }
    if (header.getKeyID() == null && candidates.size() > 1) {
      throw invalid(
          name
              + " names no key id, and the provider's JWKS has "
              + candidates.size()
              + " "
              + header.getAlgorithm()
              + " signing keys to choose from");
    }
    for (JWK key : candidates) {
      try {
        if (Signatures.verify(jwt, key)) {
          return;
        }
      } catch (JOSEException e) {
        throw new InvalidTokenException(
            name + " signature cannot be checked: " + e.getMessage(), e);
      }
    }
    throw invalid(name + " signature does not verify with the provider's key");
  }

  private static InvalidTokenException invalid(String message) {
    return new InvalidTokenException(message);
  }

  private static List<JWK> candidates(JWKSet keys, JWSHeader header) {
    String kid = header.getKeyID();
    List<JWK> out = new ArrayList<>();
    for (JWK key : keys.getKeys()) {
      if ((kid == null || kid.equals(key.getKeyID()))
          && Signatures.compatible(key, header.getAlgorithm())) {
        out.add(key);
      }
    }
    return out;
  }

  /** RFC 8032 encoding: y little-endian, the top bit of the last byte is x's parity. */
  static EdECPoint point(byte[] encoded) {
    byte[] bigEndian = new byte[encoded.length];
    for (int i = 0; i < encoded.length; i++) {
      bigEndian[i] = encoded[encoded.length - 1 - i];
    }
    boolean xOdd = (bigEndian[0] & 0x80) != 0;
    bigEndian[0] &= 0x7f;
    return new EdECPoint(xOdd, new BigInteger(1, bigEndian));
  }
}
