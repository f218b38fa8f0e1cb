package dev.lanyard;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The key pair a DPoP-bound token set (RFC 9449) is bound to: EC P-256, proofs signed ES256. It
 * lives with the tokens it binds (a bound refresh token is useless without it), in every store that
 * keeps them. {@link #toString()} shows the thumbprint only; {@link #toJson()} is a secret.
 *
 * <pre>{@code
 * DpopKey key = tokens.dpopKey().orElseThrow();
 * request.header("Authorization", "DPoP " + tokens.accessToken());
 * request.header("DPoP", key.proof("GET", uri, tokens.accessToken(), null));
 * }</pre>
 */
public final class DpopKey {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ECKey jwk;
  private final JWSHeader header;
  private final ECDSASigner signer;
  private final String thumbprint;

  private DpopKey(ECKey jwk) {
    if (!jwk.isPrivate() || !Curve.P_256.equals(jwk.getCurve())) {
      throw new IllegalArgumentException("a DPoP key must be a private EC P-256 JWK");
    }
    try {
      this.jwk = jwk;
      this.signer = new ECDSASigner(jwk);
      this.thumbprint = jwk.computeThumbprint().toString();
      this.header =
          new JWSHeader.Builder(JWSAlgorithm.ES256)
              .type(new JOSEObjectType("dpop+jwt"))
              .jwk(jwk.toPublicJWK())
              .build();
    } catch (JOSEException e) {
      throw new IllegalArgumentException("unusable DPoP key: " + e.getMessage(), e);
    }
  }

  /** A fresh EC P-256 key pair. */
  public static DpopKey generate() {
    try {
      return new DpopKey(new ECKeyGenerator(Curve.P_256).secureRandom(RANDOM).generate());
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an EC P-256 key: " + e.getMessage(), e);
    }
  }

  /**
   * The key from its private JWK, as {@link #toJson()} wrote it.
   *
   * @throws IllegalArgumentException when it is not a private EC P-256 JWK (the message never
   *     quotes it)
   */
  public static DpopKey fromJson(String privateJwk) {
    JWK parsed;
    try {
      parsed = JWK.parse(Objects.requireNonNull(privateJwk, "privateJwk"));
    } catch (ParseException e) {
      throw new IllegalArgumentException("a DPoP key is not a valid JWK");
    }
    if (!(parsed instanceof ECKey ec)) {
      throw new IllegalArgumentException("a DPoP key must be a private EC P-256 JWK");
    }
    return new DpopKey(ec);
  }

  /** The private JWK as JSON, for a token store: a secret. */
  public String toJson() {
    return jwk.toJSONString();
  }

  /** The proof algorithm: {@code ES256}. */
  public String algorithm() {
    return "ES256";
  }

  /**
   * The JWK SHA-256 thumbprint (RFC 7638), as a bound token's {@code cnf.jkt} and an authorization
   * request's {@code dpop_jkt} name it.
   */
  public String thumbprint() {
    return thumbprint;
  }

  /**
   * A DPoP proof for one request (RFC 9449 §4.2): {@code htm} the method, {@code htu} the URI
   * without query and fragment, {@code iat} now, a fresh {@code jti}, and when given {@code ath}
   * (the access token's hash, for requests to resource servers) and the server's {@code nonce}.
   */
  public String proof(
      String method, URI uri, @Nullable String accessToken, @Nullable String nonce) {
    return proof(method, uri, accessToken, nonce, Instant.now());
  }

  /** As {@link #proof(String, URI, String, String)}, issued at {@code now}. */
  public String proof(
      String method, URI uri, @Nullable String accessToken, @Nullable String nonce, Instant now) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .jwtID(jti())
            .claim("htm", method.toUpperCase(Locale.ROOT))
            .claim("htu", htu(uri))
            .claim("iat", now.getEpochSecond());
    if (accessToken != null) {
      claims.claim("ath", sha256(accessToken));
    }
    if (nonce != null) {
      claims.claim("nonce", nonce);
    }
    SignedJWT jwt = new SignedJWT(header, claims.build());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a DPoP proof: " + e.getMessage(), e);
    }
    return jwt.serialize();
  }

  /** The URI without query and fragment (RFC 9449 §4.2). */
  static String htu(URI uri) {
    String s = uri.toString();
    int cut = s.length();
    int query = s.indexOf('?');
    int fragment = s.indexOf('#');
    if (query >= 0) {
      cut = query;
    }
    if (fragment >= 0 && fragment < cut) {
      cut = fragment;
    }
    return s.substring(0, cut);
  }

  private static String jti() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String sha256(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256", e);
    }
  }

  /** Equal when the key pair is. */
  @Override
  public boolean equals(Object o) {
    return o instanceof DpopKey k && thumbprint.equals(k.thumbprint);
  }

  @Override
  public int hashCode() {
    return thumbprint.hashCode();
  }

  /** The thumbprint; never the private key. */
  @Override
  public String toString() {
    return "DpopKey{ES256, jkt=" + thumbprint + '}';
  }
}
