package dev.lanyard.http;

import java.util.Objects;

/**
 * An {@code Authorization} header value together with the access token inside it, so that after a
 * 401 the integration can tell the session exactly which token was rejected.
 *
 * <p>{@link #toString()} never shows the token.
 *
 * <pre>{@code
 * AuthorizationHeader h = SessionAuthorizer.bearer(session).authorize();
 * request.header(AuthorizationHeader.NAME, h.value()); // "Bearer eyJ…"
 * }</pre>
 *
 * @param value the header value, e.g. {@code Bearer eyJ…} or {@code Basic X19vYXV0aF9fOmV5…}
 * @param accessToken the access token carried by {@code value}
 */
public record AuthorizationHeader(String value, String accessToken) {
  /** The header name, {@code Authorization}. */
  public static final String NAME = "Authorization";

  public AuthorizationHeader {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(accessToken, "accessToken");
  }

  /** The scheme word of the value, e.g. {@code Bearer} or {@code Basic}. */
  public String scheme() {
    int space = value.indexOf(' ');
    return space < 0 ? value : value.substring(0, space);
  }

  /** Shows the scheme, never the credentials. */
  @Override
  public String toString() {
    return "AuthorizationHeader{" + scheme() + " [redacted]}";
  }
}
