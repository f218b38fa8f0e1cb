package dev.lanyard.internal.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.client.ClientAuthentication;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Client assertions (RFC 7523 §2.2, OIDC Core §9): a JWT made for one request, {@code iss} and
 * {@code sub} the client, {@code aud} the issuer (or the endpoint), a fresh random {@code jti}, and
 * an {@code exp} a minute ahead. Never cached: a provider refuses a {@code jti} it has seen.
 */
final class ClientAssertions {
  static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  /** Long enough for a slow request, short enough that a leaked assertion is soon useless. */
  static final Duration LIFETIME = Duration.ofSeconds(60);

  private static final SecureRandom RANDOM = new SecureRandom();

  private ClientAssertions() {}

  static String sign(ClientAuthentication client, URI endpoint, @Nullable URI issuer) {
    Instant now = Instant.now();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", client.clientId());
    claims.put("sub", client.clientId());
    claims.put("aud", audience(client, endpoint, issuer));
    claims.put("jti", jti());
    claims.put("iat", now.getEpochSecond());
    claims.put("exp", now.plus(LIFETIME).getEpochSecond());
    if (client.method() == ClientAuthentication.Method.PRIVATE_KEY_JWT) {
      return client.key().orElseThrow().sign(claims);
    }
    return hs256(claims, ClientProof.secret(client));
  }

  static String audience(ClientAuthentication client, URI endpoint, @Nullable URI issuer) {
    if (client.assertionAudience() == ClientAuthentication.Audience.ISSUER && issuer != null) {
      return issuer.toString();
    }
    return endpoint.toString();
  }

  /** 128 random bits, URL-safe Base64: unique without any coordination between processes. */
  static String jti() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String hs256(Map<String, Object> claims, String secret) {
    JWTClaimsSet.Builder b = new JWTClaimsSet.Builder();
    claims.forEach(b::claim);
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), b.build());
    try {
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign the client assertion: " + e.getMessage(), e);
    }
    return jwt.serialize();
  }
}
