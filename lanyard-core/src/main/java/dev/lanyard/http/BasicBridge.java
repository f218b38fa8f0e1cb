package dev.lanyard.http;

import dev.lanyard.session.TokenSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Presents a session to an API that only speaks HTTP Basic: a fixed login, and the current access
 * token as the password. B-Fabric's SOAP API, for one, takes the login {@code __oauth__} and the
 * JWT.
 *
 * <pre>{@code
 * String header = BasicBridge.header(session, BasicBridge.B_FABRIC_LOGIN);
 * // "Basic " + base64("__oauth__:" + accessToken)
 * }</pre>
 *
 * <p>For every request through an HTTP integration, with refresh after a 401, use {@link
 * RequestAuthorizer#basic(TokenSession, String)} instead.
 */
public final class BasicBridge {
  /** The login B-Fabric expects with an OAuth access token as the password. */
  public static final String B_FABRIC_LOGIN = "__oauth__";

  private static final String PREFIX = "Basic ";

  private BasicBridge() {}

  /**
   * The {@code Authorization} header value for the session's current token: {@code "Basic " +
   * base64(login + ":" + accessToken)}, the bytes in UTF-8.
   *
   * @throws dev.lanyard.NoCredentialsException when the session has nothing to sign in with
   */
  public static String header(TokenSession session, String login) throws IOException {
    Objects.requireNonNull(session, "session");
    checkLogin(login);
    return encode(login, session.accessToken());
  }

  /** {@code "Basic " + base64(login + ":" + accessToken)}, the bytes in UTF-8. */
  static String encode(String login, String accessToken) {
    checkLogin(login);
    Objects.requireNonNull(accessToken, "accessToken");
    byte[] pair = (login + ':' + accessToken).getBytes(StandardCharsets.UTF_8);
    return PREFIX + Base64.getEncoder().encodeToString(pair);
  }

  /**
   * The access token in a Basic header value made by {@link #encode} with this login; empty when
   * the value is anything else.
   */
  static Optional<String> decode(String login, @Nullable String headerValue) {
    if (headerValue == null || !headerValue.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return Optional.empty();
    }
    String pair;
    try {
      byte[] bytes = Base64.getDecoder().decode(headerValue.substring(PREFIX.length()).trim());
      pair = new String(bytes, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    String expected = login + ':';
    if (!pair.startsWith(expected) || pair.length() == expected.length()) {
      return Optional.empty();
    }
    return Optional.of(pair.substring(expected.length()));
  }

  static String checkLogin(String login) {
    Objects.requireNonNull(login, "login");
    if (login.isEmpty()) {
      throw new IllegalArgumentException("login must not be empty");
    }
    if (login.indexOf(':') >= 0) {
      // RFC 7617: the user-id ends at the first colon.
      throw new IllegalArgumentException("login must not contain ':', was " + login);
    }
    return login;
  }
}
