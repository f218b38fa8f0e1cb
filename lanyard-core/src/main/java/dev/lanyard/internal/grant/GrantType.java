package dev.lanyard.internal.grant;

import java.util.Objects;

/**
 * The {@code grant_type} of a token request (RFC 6749 §4, RFC 8628 §3.4, RFC 8693 §2.1), e.g.
 * {@link #CLIENT_CREDENTIALS}.
 *
 * @param uri the value sent as {@code grant_type}
 */
public record GrantType(String uri) {
  /** Redeeming an authorization code (RFC 6749 §4.1.3). */
  public static final GrantType AUTHORIZATION_CODE = new GrantType("authorization_code");

  /** A client signing in as itself (RFC 6749 §4.4). */
  public static final GrantType CLIENT_CREDENTIALS = new GrantType("client_credentials");

  /** Username and password (RFC 6749 §4.3). */
  public static final GrantType PASSWORD = new GrantType("password");

  /** A refresh (RFC 6749 §6). */
  public static final GrantType REFRESH_TOKEN = new GrantType("refresh_token");

  /** A device code poll (RFC 8628 §3.4). */
  public static final GrantType DEVICE_CODE =
      new GrantType("urn:ietf:params:oauth:grant-type:device_code");

  /** Token exchange (RFC 8693 §2.1). */
  public static final GrantType TOKEN_EXCHANGE =
      new GrantType("urn:ietf:params:oauth:grant-type:token-exchange");

  /** Refuses a blank value. */
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
