package dev.lanyard.internal.jwt;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.lanyard.InvalidTokenException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The claim checks of {@link JwtVerifier}, after the signature: iss, exp (required), nbf, iat, aud.
 * Unlike an ID token's, {@code sub}, {@code iat} and {@code aud} may be absent.
 */
final class JwtClaims {
  private final JWTClaimsSet c;
  private final String name;

  JwtClaims(JWTClaimsSet claims, String name) {
    this.c = claims;
    this.name = name;
  }

  /**
   * The checks; {@code audienceShown} is how a missing audience is named, e.g. {@code "the expected
   * lab-api"}.
   */
  VerifiedJwt check(
      String issuer, @Nullable String audience, String audienceShown, Instant now, Duration skew)
      throws InvalidTokenException {
    String iss = string("iss");
    if (iss == null) {
      throw invalid(" has no iss");
    }
    if (!iss.equals(issuer)) {
      throw invalid(" issuer " + ClaimValues.shown(iss) + " is not the expected " + issuer);
    }
    Instant exp = time("exp");
    if (exp == null) {
      throw invalid(" has no exp; tokens that never expire are not accepted");
    }
    if (!now.minus(skew).isBefore(exp)) {
      throw invalid(" expired at " + exp + " (now " + now + ", skew " + skew + ")");
    }
    Instant nbf = time("nbf");
    if (nbf != null && nbf.isAfter(now.plus(skew))) {
      throw invalid(" is not valid before " + nbf + " (now " + now + ")");
    }
    Instant iat = time("iat");
    if (iat != null && iat.isAfter(now.plus(skew))) {
      throw invalid(" was issued in the future, at " + iat + " (now " + now + ")");
    }
    List<String> aud = audience();
    if (audience != null && !aud.contains(audience)) {
      throw invalid(" audience " + ClaimValues.shown(aud) + " does not contain " + audienceShown);
    }
    String sub = string("sub");
    @SuppressWarnings("unchecked")
    Map<String, Object> all = (Map<String, Object>) ClaimValues.plain(c.toJSONObject());
    return new VerifiedJwt(iss, sub, aud, exp, iat, all);
  }

  private @Nullable String string(String claim) throws InvalidTokenException {
    Object v = c.getClaim(claim);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw invalid(" claim " + claim + " is not a string");
  }

  private List<String> audience() throws InvalidTokenException {
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
          throw invalid(" claim aud is not a list of strings");
        }
        out.add(s);
      }
      return out;
    }
    throw invalid(" claim aud is neither a string nor a list");
  }

  private @Nullable Instant time(String claim) throws InvalidTokenException {
    Object v = c.getClaim(claim);
    if (v == null) {
      return null;
    }
    if (v instanceof Date d) {
      return d.toInstant();
    }
    if (v instanceof Number n) {
      return Instant.ofEpochSecond(n.longValue());
    }
    throw invalid(" claim " + claim + " is not a time");
  }

  private InvalidTokenException invalid(String rest) {
    return new InvalidTokenException(name + rest);
  }
}
