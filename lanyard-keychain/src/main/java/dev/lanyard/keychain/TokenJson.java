package dev.lanyard.keychain;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import java.text.ParseException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A token set as one JSON object, the same version-1 form as the file store's token files, so a
 * token set moves between stores unchanged. Unreadable documents give empty, never their content.
 */
final class TokenJson {
  private TokenJson() {}

  static String write(TokenSet tokens) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("version", 1);
    json.put("token_type", tokens.tokenType());
    json.put("access_token", tokens.accessToken());
    tokens.refreshToken().ifPresent(v -> json.put("refresh_token", v));
    tokens.idToken().ifPresent(v -> json.put("id_token", v));
    json.put("scope", tokens.scope().toString());
    json.put("issued_at", tokens.issuedAt().toString());
    tokens.expiresAt().ifPresent(v -> json.put("expires_at", v.toString()));
    tokens.refreshExpiresAt().ifPresent(v -> json.put("refresh_expires_at", v.toString()));
    return JSONObjectUtils.toJSONString(json);
  }

  /** The token set, or empty when the document is not a version-1 token set. */
  static Optional<TokenSet> read(String document) {
    try {
      Map<String, Object> json = JSONObjectUtils.parse(document);
      if (!(json.get("version") instanceof Number n) || n.intValue() != 1) {
        return Optional.empty();
      }
      TokenSet.Builder b = TokenSet.builder((String) json.get("access_token"));
      b.tokenType((String) json.get("token_type"));
      if (json.get("refresh_token") instanceof String r) {
        b.refreshToken(r);
      }
      if (json.get("id_token") instanceof String i) {
        b.idToken(i);
      }
      b.scope(Scope.of((String) json.get("scope")));
      b.issuedAt(Instant.parse((String) json.get("issued_at")));
      if (json.get("expires_at") instanceof String e) {
        b.expiresAt(Instant.parse(e));
      }
      if (json.get("refresh_expires_at") instanceof String e) {
        b.refreshExpiresAt(Instant.parse(e));
      }
      return Optional.of(b.build());
    } catch (ParseException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
