package dev.lanyard.verify;

import static dev.lanyard.verify.IdTokenVerifier.invalid;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.lanyard.InvalidTokenException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The claim checks of OpenID Connect Core 3.1.3.7, and claims turned into an {@link Identity}. */
final class Claims {
  private static final int MAX_SHOWN = 80;

  private Claims() {}

  /** The checks after the signature: iss, aud, azp, exp, iat, nbf, sub, nonce. */
  static void check(
      JWTClaimsSet c, String issuer, String clientId, Instant now, Duration skew, String nonce)
      throws InvalidTokenException {
    String iss = string(c, "iss");
    if (iss == null) {
      throw invalid("ID token has no iss");
    }
    if (!iss.equals(issuer)) {
      throw invalid("ID token issuer " + shown(iss) + " is not the expected " + issuer);
    }
    List<String> aud = audience(c);
    if (!aud.contains(clientId)) {
      throw invalid("ID token audience " + shown(aud) + " does not contain client " + clientId);
    }
    String azp = string(c, "azp");
    if (azp == null && aud.size() > 1) {
      throw invalid("ID token has several audiences " + shown(aud) + " but no azp");
    }
    if (azp != null && !azp.equals(clientId)) {
      throw invalid("ID token azp " + shown(azp) + " is not client " + clientId);
    }
    Instant exp = time(c, "exp");
    if (exp == null) {
      throw invalid("ID token has no exp");
    }
    if (!now.minus(skew).isBefore(exp)) {
      throw invalid("ID token expired at " + exp + " (now " + now + ", skew " + skew + ")");
    }
    Instant iat = time(c, "iat");
    if (iat == null) {
      throw invalid("ID token has no iat");
    }
    if (iat.isAfter(now.plus(skew))) {
      throw invalid("ID token was issued in the future, at " + iat + " (now " + now + ")");
    }
    Instant nbf = time(c, "nbf");
    if (nbf != null && nbf.isAfter(now.plus(skew))) {
      throw invalid("ID token is not valid before " + nbf + " (now " + now + ")");
    }
    String sub = string(c, "sub");
    if (sub == null || sub.isEmpty()) {
      throw invalid("ID token has no sub");
    }
    if (nonce != null) {
      String got = string(c, "nonce");
      if (got == null) {
        throw invalid("ID token has no nonce, but the sign-in request sent one");
      }
      // Constant time: how much of the nonce matched must not leak through timing.
      if (!MessageDigest.isEqual(
          got.getBytes(StandardCharsets.UTF_8), nonce.getBytes(StandardCharsets.UTF_8))) {
        throw invalid("ID token nonce does not match the one the sign-in request sent");
      }
    }
  }

  /** The identity the claims describe; absent required claims (unverified reads) become empty. */
  static Identity identity(JWTClaimsSet c) throws InvalidTokenException {
    String email = string(c, "email");
    Object verified = c.getClaim("email_verified");
    boolean emailVerified =
        Boolean.TRUE.equals(verified)
            || (verified instanceof String s && s.equalsIgnoreCase("true"));
    Instant iat = time(c, "iat");
    Instant exp = time(c, "exp");
    String iss = string(c, "iss");
    String sub = string(c, "sub");
    @SuppressWarnings("unchecked")
    Map<String, Object> claims = (Map<String, Object>) plain(c.toJSONObject());
    return new Identity(
        iss == null ? "" : iss,
        sub == null ? "" : sub,
        audience(c),
        email,
        emailVerified,
        string(c, "name"),
        string(c, "preferred_username"),
        iat == null ? Instant.EPOCH : iat,
        exp == null ? Instant.EPOCH : exp,
        claims);
  }

  /** A string claim, absent as null; any other type is an invalid token. */
  static String string(JWTClaimsSet c, String name) throws InvalidTokenException {
    Object v = c.getClaim(name);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw invalid("ID token claim " + name + " is not a string");
  }

  /** {@code aud} as a string or a list of strings. */
  static List<String> audience(JWTClaimsSet c) throws InvalidTokenException {
    Object v = c.getClaim("aud");
    if (v == null) {
      return List.of();
    }
    if (v instanceof String s) {
      return List.of(s);
    }
    if (v instanceof List<?> list) {
      List<String> out = new ArrayList<>(list.size());
      for (Object o : list) {
        if (!(o instanceof String s)) {
          throw invalid("ID token claim aud is not a list of strings");
        }
        out.add(s);
      }
      return List.copyOf(out);
    }
    throw invalid("ID token claim aud is neither a string nor a list");
  }

  private static Instant time(JWTClaimsSet c, String name) throws InvalidTokenException {
    Object v = c.getClaim(name);
    if (v == null) {
      return null;
    }
    if (v instanceof Date d) {
      return d.toInstant();
    }
    if (v instanceof Number n) {
      return Instant.ofEpochSecond(n.longValue());
    }
    throw invalid("ID token claim " + name + " is not a time");
  }

  /** JSON values as plain Map, List, String, Number and Boolean; nulls dropped. */
  static Object plain(Object v) {
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach(
          (k, e) -> {
            if (k != null && e != null) {
              out.put(k.toString(), plain(e));
            }
          });
      return Collections.unmodifiableMap(out);
    }
    if (v instanceof List<?> list) {
      return list.stream().filter(e -> e != null).map(Claims::plain).toList();
    }
    if (v instanceof Date d) {
      return d.toInstant().getEpochSecond();
    }
    if (v instanceof String || v instanceof Number || v instanceof Boolean) {
      return v;
    }
    return v.toString();
  }

  /**
   * A value from the token, fit for a one-line message: control characters replaced, long values
   * cut. Values here are chosen by whoever made the token.
   */
  static String shown(Object value) {
    String s = String.valueOf(value);
    StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_SHOWN + 1));
    for (int i = 0; i < s.length() && b.length() < MAX_SHOWN; i++) {
      char ch = s.charAt(i);
      b.append(Character.isISOControl(ch) ? '?' : ch);
    }
    if (s.length() > MAX_SHOWN) {
      b.append("...");
    }
    return b.toString();
  }
}
