package dev.lanyard.internal.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.InvalidTokenException;
import dev.lanyard.verify.IdTokenVerifier;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.function.UnaryOperator;

/** Keys, claims and signed tokens made up by tests. */
public final class Forge {
  public static final String ISSUER = "https://idp.example.org/realms/lab";
  public static final String CLIENT = "cli";
  public static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");

  private Forge() {}

  public static RSAKey rsa(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ECKey ec(Curve curve, String kid) {
    try {
      return new ECKeyGenerator(curve).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Claims a provider would send at {@link #NOW}: valid for five minutes. */
  public static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject("f3a1-subject")
        .audience(CLIENT)
        .issueTime(Date.from(NOW))
        .expirationTime(Date.from(NOW.plus(Duration.ofMinutes(5))))
        .claim("email", "alice@example.org")
        .claim("email_verified", true);
  }

  /** A token signed with {@code key}, its kid in the header, the claims changed by {@code edit}. */
  public static String sign(JWK key, JWSAlgorithm alg, UnaryOperator<JWTClaimsSet.Builder> edit) {
    return sign(new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), key, edit);
  }

  public static String sign(JWK key, UnaryOperator<JWTClaimsSet.Builder> edit) {
    return sign(key, key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256, edit);
  }

  public static String sign(JWK key) {
    return sign(key, b -> b);
  }

  public static String sign(JWSHeader header, JWK key, UnaryOperator<JWTClaimsSet.Builder> edit) {
    try {
      SignedJWT jwt = new SignedJWT(header, edit.apply(claims()).build());
      jwt.sign(signer(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A token whose payload is exactly {@code json}. */
  public static String signRaw(RSAKey key, String json) {
    try {
      JWSObject jws =
          new JWSObject(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
              new Payload(json));
      jws.sign(new RSASSASigner(key));
      return jws.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JWSSigner signer(JWK key) throws JOSEException {
    return key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
  }

  /** A clock that moves only when told. */
  public static final class Clock implements InstantSource {
    private volatile Instant now = NOW;

    public Clock advance(Duration d) {
      now = now.plus(d);
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  public static void assertRejected(IdTokenVerifier verifier, String token, String message) {
    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertNoToken(e, token));
  }

  /** Neither the message nor any cause's message contains the token or its signature. */
  public static void assertNoToken(Throwable e, String token) {
    String signature = token.substring(token.lastIndexOf('.') + 1);
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      if (token.strip().length() >= 8) {
        assertThat(m).doesNotContain(token.strip());
      }
      if (signature.length() > 8) {
        assertThat(m).doesNotContain(signature);
      }
      assertThat(m).doesNotContain("\n");
    }
  }
}
