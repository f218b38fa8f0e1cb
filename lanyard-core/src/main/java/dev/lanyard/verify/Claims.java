package dev.lanyard.verify;

import dev.lanyard.InvalidTokenException;
import dev.lanyard.internal.jwt.ClaimValues;
import dev.lanyard.internal.jwt.VerifiedJwt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Claims turned into an {@link Identity}. */
final class Claims {
  private Claims() {}

  /** The identity of a verified ID token. */
  static Identity identity(VerifiedJwt jwt) throws InvalidTokenException {
    Map<String, Object> c = jwt.claims();
    return new Identity(
        jwt.issuer(),
        jwt.subject().orElse(""),
        jwt.audience(),
        ClaimValues.string(c, "email", "ID token"),
        emailVerified(c),
        ClaimValues.string(c, "name", "ID token"),
        ClaimValues.string(c, "preferred_username", "ID token"),
        jwt.issuedAt().orElse(Instant.EPOCH),
        jwt.expiresAt(),
        c);
  }

  /** The identity claims describe without verification; absent or mistyped claims are empty. */
  static Identity unverifiedIdentity(Map<String, Object> c) {
    return new Identity(
        lenient(c, "iss"),
        lenient(c, "sub"),
        lenientAudience(c.get("aud")),
        c.get("email") instanceof String s ? s : null,
        emailVerified(c),
        c.get("name") instanceof String s ? s : null,
        c.get("preferred_username") instanceof String s ? s : null,
        c.get("iat") instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : Instant.EPOCH,
        c.get("exp") instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : Instant.EPOCH,
        c);
  }

  private static boolean emailVerified(Map<String, Object> c) {
    Object verified = c.get("email_verified");
    return Boolean.TRUE.equals(verified)
        || (verified instanceof String s && s.equalsIgnoreCase("true"));
  }

  private static String lenient(Map<String, Object> c, String name) {
    return c.get(name) instanceof String s ? s : "";
  }

  private static List<String> lenientAudience(@Nullable Object aud) {
    if (aud instanceof String s) {
      return List.of(s);
    }
    List<String> out = new ArrayList<>();
    if (aud instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof String s) {
          out.add(s);
        }
      }
    }
    return out;
  }
}
