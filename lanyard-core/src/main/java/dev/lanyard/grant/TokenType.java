package dev.lanyard.grant;

import java.util.Objects;

/**
 * A token type identifier of token exchange (RFC 8693 §3), e.g. {@link #ACCESS_TOKEN}; any other
 * URI with {@link #of(String)}.
 *
 * @param uri the identifier, e.g. {@code urn:ietf:params:oauth:token-type:jwt}
 */
public record TokenType(String uri) {
  /** An OAuth access token. */
  public static final TokenType ACCESS_TOKEN =
      new TokenType("urn:ietf:params:oauth:token-type:access_token");

  /** An OAuth refresh token. */
  public static final TokenType REFRESH_TOKEN =
      new TokenType("urn:ietf:params:oauth:token-type:refresh_token");

  /** An OpenID Connect ID token. */
  public static final TokenType ID_TOKEN =
      new TokenType("urn:ietf:params:oauth:token-type:id_token");

  /** A JWT of any other kind. */
  public static final TokenType JWT = new TokenType("urn:ietf:params:oauth:token-type:jwt");

  /** A base64url-encoded SAML 1.1 assertion. */
  public static final TokenType SAML1 = new TokenType("urn:ietf:params:oauth:token-type:saml1");

  /** A base64url-encoded SAML 2.0 assertion. */
  public static final TokenType SAML2 = new TokenType("urn:ietf:params:oauth:token-type:saml2");

  /** Refuses anything that is not an absolute URI without spaces. */
  public TokenType {
    Objects.requireNonNull(uri, "uri");
    if (uri.isBlank() || uri.chars().anyMatch(Character::isWhitespace) || uri.indexOf(':') < 1) {
      throw new IllegalArgumentException("a token type is an absolute URI, was '" + uri + "'");
    }
  }

  /** The token type with this identifier. */
  public static TokenType of(String uri) {
    return new TokenType(uri);
  }

  @Override
  public String toString() {
    return uri;
  }
}
