package dev.lanyard.verify;

import dev.lanyard.InvalidTokenException;
import dev.lanyard.internal.text.Printable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Claims as plain JSON values, turned into an {@link Identity}, and shown in messages. */
final class Claims {
  private static final int MAX_SHOWN = 80;

  private Claims() {}

  /** The identity of a verified ID token. */
  static Identity identity(VerifiedJwt jwt) throws InvalidTokenException {
    Map<String, Object> c = jwt.claims();
    return new Identity(
        jwt.issuer(),
        jwt.subject().orElse(""),
        jwt.audience(),
        string(c, "email", "ID token"),
        emailVerified(c),
        string(c, "name", "ID token"),
        string(c, "preferred_username", "ID token"),
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

  /** A string claim of plain claims, absent as null; any other type is an invalid token. */
  static @Nullable String string(Map<String, Object> c, String name, String tokenName)
      throws InvalidTokenException {
    Object v = c.get(name);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw new InvalidTokenException(tokenName + " claim " + name + " is not a string");
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
  static String shown(@Nullable Object value) {
    return Printable.line(String.valueOf(value), MAX_SHOWN);
  }
}
