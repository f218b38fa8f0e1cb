package dev.lanyard.internal.grant;

import java.net.URI;
import java.util.Objects;

/**
 * An authorization code to redeem (RFC 6749 §4.1.3) with its redirect URI and PKCE verifier (RFC
 * 7636); single use, only a login makes one. {@link #toString()} shows neither code nor verifier.
 */
public record AuthorizationCodeGrant(String code, URI redirectUri, String codeVerifier) {

  /** Refuses an empty code or verifier. */
  public AuthorizationCodeGrant {
    if (Objects.requireNonNull(code, "code").isEmpty()) {
      throw new IllegalArgumentException("code must not be empty");
    }
    Objects.requireNonNull(redirectUri, "redirectUri");
    if (Objects.requireNonNull(codeVerifier, "codeVerifier").isEmpty()) {
      throw new IllegalArgumentException("codeVerifier must not be empty");
    }
  }

  @Override
  public String toString() {
    return "AuthorizationCode{code=[redacted], redirectUri="
        + redirectUri
        + ", codeVerifier=[redacted]}";
  }
}
