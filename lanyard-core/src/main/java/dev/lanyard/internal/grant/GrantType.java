package dev.lanyard.internal.grant;

import java.util.Objects;

/**
 * The {@code grant_type} of a token request (RFC 6749 §4, RFC 8628 §3.4, RFC 8693 §2.1), e.g.
 * {@link #CLIENT_CREDENTIALS}.
 *
 * @param uri the value sent as {@code grant_type}
 */
public record GrantType(String uri) {
  public static final GrantType AUTHORIZATION_CODE = new GrantType("authorization_code");
  public static final GrantType CLIENT_CREDENTIALS = new GrantType("client_credentials");
  public static final GrantType PASSWORD = new GrantType("password");
  public static final GrantType REFRESH_TOKEN = new GrantType("refresh_token");
  public static final GrantType DEVICE_CODE =
      new GrantType("urn:ietf:params:oauth:grant-type:device_code");
  public static final GrantType TOKEN_EXCHANGE =
      new GrantType("urn:ietf:params:oauth:grant-type:token-exchange");

  public GrantType {
    if (Objects.requireNonNull(uri, "uri").isBlank()) {
      throw new IllegalArgumentException("a grant type must not be blank");
    }
  }

  @Override
  public String toString() {
    return uri;
  }
}
