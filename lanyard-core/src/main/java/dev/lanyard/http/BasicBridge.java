package dev.lanyard.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP Basic encoding of {@link RequestAuthorizer#basic}: a fixed login, and the current access
 * token as the password.
 */
final class BasicBridge {
  private static final String PREFIX = "Basic ";

  private BasicBridge() {}

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
