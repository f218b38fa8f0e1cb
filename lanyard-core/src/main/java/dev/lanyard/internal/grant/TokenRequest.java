package dev.lanyard.internal.grant;

import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One token request, its secrets drawn, ready to send: the grant type and its form parameters, the
 * scope asked for (what the tokens hold when the answer names none), and whether sending it twice
 * is harmless. Made by {@link TokenRequests} right before it is sent; {@link #toString()} shows no
 * parameter value.
 *
 * @param replayable false when a second copy would do harm: a refresh with rotation presents a
 *     token the first copy rotated out, a code is redeemed once
 */
public record TokenRequest(
    GrantType grantType, Map<String, String> parameters, Scope scope, boolean replayable) {

  /** Copies the parameters, in order; {@code grant_type} is not one of them. */
  public TokenRequest {
    Objects.requireNonNull(grantType, "grantType");
    Objects.requireNonNull(scope, "scope");
    if (parameters.containsKey("grant_type")) {
      throw new IllegalArgumentException("grant_type is the grantType, not a parameter");
    }
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /** The form to send: {@code grant_type} first, then the parameters in order. */
  public Map<String, String> form() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", grantType.uri());
    form.putAll(parameters);
    return form;
  }

  /**
   * The answer to this request, holding the refresh token this request presented when the answer
   * brings none: without a new one the old one stays valid (RFC 6749 §6).
   */
  public TokenSet keepingRefreshToken(TokenSet answer) {
    String presented = parameters.get("refresh_token");
    if (!grantType.equals(GrantType.REFRESH_TOKEN)
        || presented == null
        || answer.refreshToken().isPresent()) {
      return answer;
    }
    return answer.newBuilder().refreshToken(presented).build();
  }

  @Override
  public String toString() {
    return "TokenRequest{grant_type="
        + grantType
        + ", parameters="
        + parameters.keySet()
        + ", scope="
        + scope
        + ", replayable="
        + replayable
        + '}';
  }
}
