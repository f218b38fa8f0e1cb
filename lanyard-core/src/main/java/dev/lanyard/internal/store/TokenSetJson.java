package dev.lanyard.internal.store;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.lanyard.DpopKey;
import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import java.text.ParseException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The stored form of a {@link TokenSet}: one JSON object, version 1, the same in the token file, a
 * keychain entry and a Redis record, so a token set moves between stores unchanged.
 *
 * <pre>{@code
 * {"version":1,"token_type":"Bearer","access_token":"...","refresh_token":"...","id_token":"...",
 *  "scope":"openid email","issued_at":"2025-01-01T10:00:00Z","expires_at":"2025-01-01T10:05:00Z",
 *  "refresh_expires_at":"2025-01-01T10:30:00Z","dpop_key":{"kty":"EC","crv":"P-256",...}}
 * }</pre>
 *
 * <p>{@code refresh_token}, {@code id_token}, {@code expires_at}, {@code refresh_expires_at} and
 * {@code dpop_key} (the private JWK of a DPoP-bound token set, RFC 9449) are left out when absent;
 * unknown fields are ignored. Reasons for rejecting a document never quote its contents, which are
 * secrets.
 */
public final class TokenSetJson {
  /** The version this codec writes and reads. */
  public static final int VERSION = 1;

  private TokenSetJson() {}

  /** The document for {@code tokens}, on one line without a line end. */
  public static String write(TokenSet tokens) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("version", VERSION);
    json.put("token_type", tokens.tokenType());
    json.put("access_token", tokens.accessToken());
    tokens.refreshToken().ifPresent(v -> json.put("refresh_token", v));
    tokens.idToken().ifPresent(v -> json.put("id_token", v));
    json.put("scope", tokens.scope().toString());
    json.put("issued_at", tokens.issuedAt().toString());
    tokens.expiresAt().ifPresent(v -> json.put("expires_at", v.toString()));
    tokens.refreshExpiresAt().ifPresent(v -> json.put("refresh_expires_at", v.toString()));
    tokens.dpopKey().ifPresent(k -> json.put("dpop_key", dpopJwk(k)));
    return JSONObjectUtils.toJSONString(json);
  }

  /**
   * Parses a document written by {@link #write}.
   *
   * @throws Invalid with a reason that names fields, never values
   */
  public static TokenSet read(String document) throws Invalid {
    try {
      return tokens(document);
    } catch (IllegalArgumentException | IllegalStateException e) {
      // a token with characters no token may hold; the message names the field, not the value
      throw new Invalid(String.valueOf(e.getMessage()));
    }
  }

  private static TokenSet tokens(String document) throws Invalid {
    Map<String, Object> json;
    try {
      json = JSONObjectUtils.parse(document);
    } catch (ParseException | RuntimeException e) {
      throw new Invalid("not a JSON object");
    }
    Object version = json.get("version");
    if (version == null) {
      throw new Invalid("no version field");
    }
    if (!(version instanceof Number n) || n.doubleValue() != VERSION) {
      throw new Invalid(
          "unsupported version " + (version instanceof Number ? version : "(not a number)"));
    }
    TokenSet.Builder b = TokenSet.builder(required(json, "access_token"));
    b.tokenType(required(json, "token_type"));
    String refreshToken = optional(json, "refresh_token");
    if (refreshToken != null) {
      b.refreshToken(refreshToken);
    }
    String idToken = optional(json, "id_token");
    if (idToken != null) {
      b.idToken(idToken);
    }
    b.scope(scope(json));
    b.issuedAt(instant("issued_at", required(json, "issued_at")));
    String expiresAt = optional(json, "expires_at");
    if (expiresAt != null) {
      b.expiresAt(instant("expires_at", expiresAt));
    }
    String refreshExpiresAt = optional(json, "refresh_expires_at");
    if (refreshExpiresAt != null) {
      b.refreshExpiresAt(instant("refresh_expires_at", refreshExpiresAt));
    }
    Object dpopKey = json.get("dpop_key");
    if (dpopKey != null) {
      b.dpopKey(dpopKey(dpopKey));
    }
    return b.build();
  }

  /**
   * A {@code dpop_key} member as read: the private JWK object {@link #dpopJwk} wrote. Also the
   * started sign-ins of the Redis pending-login store read theirs with it, so a DPoP key has one
   * form in every store.
   *
   * @throws Invalid when it is not a private EC P-256 JWK (the reason never quotes it)
   */
  public static DpopKey dpopKey(Object member) throws Invalid {
    if (!(member instanceof Map<?, ?> jwk)) {
      throw new Invalid("dpop_key is not a JSON object");
    }
    try {
      return DpopKey.fromJson(JSONObjectUtils.toJSONString(stringKeys(jwk)));
    } catch (IllegalArgumentException e) {
      throw new Invalid("dpop_key is not a private EC P-256 JWK");
    }
  }

  /** The {@code dpop_key} member: the key's private JWK as a JSON object (a secret). */
  public static Map<String, Object> dpopJwk(DpopKey key) {
    try {
      return JSONObjectUtils.parse(key.toJson());
    } catch (ParseException e) {
      throw new IllegalStateException("a DPoP key wrote invalid JSON", e);
    }
  }

  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(String.valueOf(k), v));
    return copy;
  }

  private static Scope scope(Map<String, Object> json) throws Invalid {
    Object value = json.get("scope");
    if (!(value instanceof String s)) {
      throw new Invalid(value == null ? "no scope field" : "scope is not a string");
    }
    try {
      return Scope.of(s);
    } catch (IllegalArgumentException e) {
      throw new Invalid("scope is not a valid scope");
    }
  }

  private static String required(Map<String, Object> json, String field) throws Invalid {
    String value = optional(json, field);
    if (value == null) {
      throw new Invalid("no " + field + " field");
    }
    return value;
  }

  /** The non-empty string value of {@code field}, or null when absent or JSON null. */
  private static @Nullable String optional(Map<String, Object> json, String field) throws Invalid {
    Object value = json.get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw new Invalid(field + " is not a string");
    }
    if (s.isEmpty()) {
      throw new Invalid(field + " is empty");
    }
    return s;
  }

  private static Instant instant(String field, String value) throws Invalid {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new Invalid(field + " is not an ISO-8601 instant");
    }
  }

  /** A document that is not a version-1 token set; the message is safe to log. */
  public static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String reason) {
      super(reason, null, false, false);
    }
  }
}
