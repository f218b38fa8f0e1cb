package dev.lanyard.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A client's private signing key for {@code private_key_jwt} (RFC 7523 §2.2): RSA (RS256 by
 * default, or PS256), EC P-256 (ES256) or Ed25519 (EdDSA), read from a PKCS#8 PEM file or a private
 * JWK file that only its owner may read. The key id ({@code kid}) comes from the JWK file or is
 * given with {@link #withKeyId}. {@link #toString()} never shows the key.
 *
 * <pre>{@code
 * ClientKey key = ClientKey.load(Path.of("client-key.pem")).withKeyId("k1");
 * ClientAuthentication client = ClientAuthentication.privateKeyJwt("service", key);
 * }</pre>
 */
public final class ClientKey {
  /** The signature algorithms a client key may use. */
  public static final List<String> ALGORITHMS = List.of("RS256", "PS256", "ES256", "EdDSA");

  private final PrivateKey key;
  private final String algorithm;
  private final @Nullable String keyId;
  private final String source;

  private ClientKey(PrivateKey key, String algorithm, @Nullable String keyId, String source) {
    this.key = key;
    this.algorithm = algorithm;
    this.keyId = keyId;
    this.source = source;
    requireFits(key, algorithm, source);
  }

  /**
   * Reads a private key from a PKCS#8 PEM file ({@code -----BEGIN PRIVATE KEY-----}) or a private
   * JWK file. The file must be readable by its owner only (mode 0600 where POSIX).
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when the file is open to others, or holds no usable key; the
   *     message names the file and says what to do, never the key
   */
  public static ClientKey load(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    KeyFiles.requireOwnerOnly(file);
    String text = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (text.startsWith("{")) {
      return fromJwk(text, file.toString());
    }
    return fromPem(text, file.toString());
  }

  /**
   * A key from a private JWK (JSON); its {@code kid} and {@code alg} are used when present.
   *
   * @throws IllegalArgumentException when it is not a private RSA, EC P-256 or Ed25519 JWK
   */
  public static ClientKey fromJwk(String json) {
    return fromJwk(json, "the JWK");
  }

  /** The same key with this key id ({@code kid} in every assertion's header). */
  public ClientKey withKeyId(String keyId) {
    if (Objects.requireNonNull(keyId, "keyId").isBlank()) {
      throw new IllegalArgumentException("keyId must not be blank");
    }
    return new ClientKey(key, algorithm, keyId, source);
  }

  /**
   * The same key signing with {@code algorithm}, one of {@link #ALGORITHMS} that fits the key.
   *
   * @throws IllegalArgumentException for any other algorithm, or one that does not fit the key
   */
  public ClientKey withAlgorithm(String algorithm) {
    return new ClientKey(key, algorithm, keyId, source);
  }

  /** The private key itself, for a TLS client certificate. */
  PrivateKey privateKey() {
    return key;
  }

  /** The JWS algorithm, e.g. {@code ES256}. */
  public String algorithm() {
    return algorithm;
  }

  /** The key id, when the file had one or one was given. */
  public Optional<String> keyId() {
    return Optional.ofNullable(keyId);
  }

  /**
   * Signs a JWT with these claims (header: {@code alg}, {@code kid} when known, {@code typ JWT}).
   * Values are JSON values: strings, numbers, booleans, lists and maps of them.
   */
  public String sign(Map<String, ?> claims) {
    JWTClaimsSet.Builder b = new JWTClaimsSet.Builder();
    claims.forEach(b::claim);
    JWSHeader.Builder h = new JWSHeader.Builder(JWSAlgorithm.parse(algorithm));
    h.type(JOSEObjectType.JWT);
    if (keyId != null) {
      h.keyID(keyId);
    }
    SignedJWT jwt = new SignedJWT(h.build(), b.build());
    try {
      jwt.sign(signer());
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign with the client key: " + e.getMessage(), e);
    }
    return jwt.serialize();
  }

  private JWSSigner signer() throws JOSEException {
    if (key instanceof RSAPrivateKey) {
      return new RSASSASigner(key);
    }
    if (key instanceof ECPrivateKey ec) {
      return new ECDSASigner(ec);
    }
    return new EdDsaSigner(key);
  }

  private static ClientKey fromPem(String text, String source) {
    if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
      throw bad(source, "holds an encrypted key; decrypt it to an owner-only PKCS#8 file");
    }
    if (text.contains("-----BEGIN RSA PRIVATE KEY-----")
        || text.contains("-----BEGIN EC PRIVATE KEY-----")) {
      throw bad(
          source,
          "is not PKCS#8; convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
    }
    String begin = "-----BEGIN PRIVATE KEY-----";
    String end = "-----END PRIVATE KEY-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw bad(source, "is neither a PKCS#8 PEM private key nor a private JWK");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw bad(source, "holds a malformed PEM block (not Base64)");
    }
    for (String type : List.of("RSA", "EC", "Ed25519")) {
      try {
        PrivateKey k = KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
        return new ClientKey(k, defaultAlgorithm(k, source), null, source);
      } catch (GeneralSecurityException | RuntimeException notThisType) {
        // try the next type
      }
    }
    throw bad(source, "holds a malformed or unsupported PKCS#8 key (RSA, EC P-256 or Ed25519)");
  }

  private static ClientKey fromJwk(String json, String source) {
    JWK jwk;
    try {
      jwk = JWK.parse(json);
    } catch (ParseException e) {
      throw bad(source, "is not a valid JWK");
    }
    if (!jwk.isPrivate()) {
      throw bad(source, "holds a public JWK; a client key file needs the private key");
    }
    PrivateKey k;
    try {
      if (jwk instanceof OctetKeyPair okp) {
        if (!Curve.Ed25519.equals(okp.getCurve())) {
          throw bad(
              source, "holds an OKP key on " + okp.getCurve() + "; only Ed25519 is supported");
        }
        k =
            KeyFactory.getInstance("Ed25519")
                .generatePrivate(
                    new EdECPrivateKeySpec(NamedParameterSpec.ED25519, okp.getDecodedD()));
      } else if (jwk instanceof com.nimbusds.jose.jwk.RSAKey rsa) {
        k = rsa.toPrivateKey();
      } else if (jwk instanceof com.nimbusds.jose.jwk.ECKey ec) {
        k = ec.toPrivateKey();
      } else {
        throw bad(source, "holds a " + jwk.getKeyType() + " key; use RSA, EC P-256 or Ed25519");
      }
    } catch (JOSEException | GeneralSecurityException e) {
      throw bad(source, "holds a key that cannot be used: " + e.getMessage());
    }
    String alg =
        jwk.getAlgorithm() != null ? jwk.getAlgorithm().getName() : defaultAlgorithm(k, source);
    return new ClientKey(k, alg, jwk.getKeyID(), source);
  }

  private static String defaultAlgorithm(PrivateKey k, String source) {
    if (k instanceof RSAPrivateKey) {
      return "RS256";
    }
    if (k instanceof ECPrivateKey) {
      return "ES256";
    }
    if (k instanceof EdECPrivateKey) {
      return "EdDSA";
    }
    throw bad(source, "holds an unsupported key type " + k.getAlgorithm());
  }

  private static void requireFits(PrivateKey k, String algorithm, String source) {
    Objects.requireNonNull(algorithm, "algorithm");
    if (!ALGORITHMS.contains(algorithm)) {
      throw new IllegalArgumentException(
          "unsupported client assertion algorithm "
              + algorithm
              + "; use one of "
              + String.join(", ", ALGORITHMS));
    }
    boolean fits =
        switch (algorithm) {
          case "RS256", "PS256" ->
              k instanceof RSAPrivateKey r && r.getModulus().bitLength() >= 2048;
          case "ES256" -> k instanceof ECPrivateKey ec && isP256(ec.getParams());
          default -> k instanceof EdECPrivateKey ed && "Ed25519".equals(ed.getParams().getName());
        };
    if (!fits) {
      throw new IllegalArgumentException(
          "the key in "
              + source
              + " ("
              + describe(k)
              + ") cannot sign "
              + algorithm
              + ": RS256 and PS256 need RSA of 2048 bits or more, ES256 EC P-256, EdDSA Ed25519");
    }
  }

  private static boolean isP256(ECParameterSpec spec) {
    return Curve.P_256.equals(Curve.forECParameterSpec(spec));
  }

  private static String describe(PrivateKey k) {
    if (k instanceof RSAPrivateKey r) {
      return "RSA " + r.getModulus().bitLength() + " bits";
    }
    if (k instanceof ECPrivateKey ec) {
      Curve c = Curve.forECParameterSpec(ec.getParams());
      return "EC " + (c != null ? c.getName() : "on an unknown curve");
    }
    return k.getAlgorithm();
  }

  private static IllegalArgumentException bad(String source, String what) {
    return new IllegalArgumentException("client key file " + source + " " + what);
  }

  /** Algorithm, key id and where it came from; never the key. */
  @Override
  public String toString() {
    return "ClientKey{"
        + algorithm
        + (keyId != null ? ", kid=" + keyId : "")
        + ", from="
        + source
        + ", key=[redacted]}";
  }
}
