package dev.lanyard.redis;

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
 * A {@link TokenSet} as the JSON document a Redis record holds (before any encryption): the same
 * fields as the token file, version 1. Reasons for rejecting a document never quote its values.
 */
final class TokenRecord {
  static final int VERSION = 1;

  private TokenRecord() {}

  static String write(TokenSet tokens) {
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
    // The DPoP key (RFC 9449) travels with the tokens it binds, as in the token file.
    tokens.dpopKey().ifPresent(k -> json.put("dpop_key", jwk(k)));
    return JSONObjectUtils.toJSONString(json);
  }

  /**
   * The tokens of a document written by {@link #write}.
   *
   * @throws Invalid with a reason that names fields, never values
   */
  static TokenSet read(String document) throws Invalid {
    Map<String, Object> json;
    try {
      json = JSONObjectUtils.parse(document);
    } catch (ParseException | RuntimeException e) {
      throw new Invalid("not a JSON object");
    }
    if (!(json.get("version") instanceof Number n) || n.doubleValue() != VERSION) {
      throw new Invalid("not version " + VERSION);
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
    if (!(json.get("scope") instanceof String scope)) {
      throw new Invalid("no scope string");
    }
    try {
      b.scope(Scope.of(scope));
    } catch (IllegalArgumentException e) {
      throw new Invalid("scope is not a valid scope");
    }
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
      if (!(dpopKey instanceof Map<?, ?> jwk)) {
        throw new Invalid("dpop_key is not a JSON object");
      }
      Map<String, Object> named = new LinkedHashMap<>();
      jwk.forEach((k, v) -> named.put(String.valueOf(k), v));
      try {
        b.dpopKey(DpopKey.fromJson(JSONObjectUtils.toJSONString(named)));
      } catch (IllegalArgumentException e) {
        throw new Invalid("dpop_key is not a private EC P-256 JWK");
      }
    }
    try {
      return b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new Invalid("the tokens are not valid");
    }
  }

  private static Map<String, Object> jwk(DpopKey key) {
    try {
      return JSONObjectUtils.parse(key.toJson());
    } catch (ParseException e) {
      throw new IllegalStateException("a DPoP key wrote invalid JSON", e);
    }
  }

  private static String required(Map<String, Object> json, String field) throws Invalid {
    String value = optional(json, field);
    if (value == null) {
      throw new Invalid("no " + field + " field");
    }
    return value;
  }

  private static @Nullable String optional(Map<String, Object> json, String field) throws Invalid {
    Object value = json.get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s) || s.isEmpty()) {
      throw new Invalid(field + " is not a non-empty string");
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

  /** A document that is not a version-1 token record; the message is safe to log. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String reason) {
      super(reason, null, false, false);
    }
  }
}
