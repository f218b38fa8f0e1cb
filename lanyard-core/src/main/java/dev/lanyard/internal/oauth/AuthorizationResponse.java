package dev.lanyard.internal.oauth;

import dev.lanyard.AuthorizationDeniedException;
import dev.lanyard.InvalidTokenException;
import dev.lanyard.MalformedResponseException;
import dev.lanyard.provider.ProviderMetadata;
import java.util.Map;
import java.util.Optional;

/**
 * The checks on an authorization response (the callback's query) that come after its {@code state}
 * matched a pending login: the issuer (RFC 9207), an error, the code.
 */
public final class AuthorizationResponse {
  private AuthorizationResponse() {}

  /**
   * Refuses a response from another issuer: RFC 9207 mix-up protection. A response without {@code
   * iss} is refused only when the provider announced that it sends one.
   */
  public static void checkIssuer(Map<String, String> params, ProviderMetadata m)
      throws InvalidTokenException {
    String iss = params.get("iss");
    Optional<String> expected = m.issuer().map(Object::toString);
    if (iss == null) {
      if (m.issParameterSupported()) {
        throw new InvalidTokenException(
            "the authorization response has no iss parameter although the provider announces one"
                + " (RFC 9207); refused");
      }
      return;
    }
    if (expected.isPresent() && !expected.get().equals(iss)) {
      throw new InvalidTokenException(
          "the authorization response comes from issuer "
              + Secrets.oneLine(iss)
              + ", not from "
              + expected.get()
              + " where the sign-in was sent; refused (RFC 9207 mix-up protection)");
    }
  }

  /** The provider's error, e.g. {@code access_denied}, as an exception; empty when none. */
  public static Optional<AuthorizationDeniedException> error(Map<String, String> params) {
    String error = params.get("error");
    if (error == null) {
      return Optional.empty();
    }
    String code = error.isBlank() ? "unknown_error" : Secrets.oneLine(error);
    String description = params.get("error_description");
    String message =
        "the provider refused the sign-in: "
            + code
            + (description != null && !description.isBlank()
                ? " (" + Secrets.oneLine(description) + ")"
                : "");
    return Optional.of(new AuthorizationDeniedException(code, message));
  }

  /** The authorization code; a response with neither code nor error is malformed. */
  public static String code(Map<String, String> params) throws MalformedResponseException {
    String code = params.get("code");
    if (code == null || code.isEmpty()) {
      throw new MalformedResponseException(
          "the authorization response carries neither a code nor an error", 0);
    }
    return code;
  }
}
