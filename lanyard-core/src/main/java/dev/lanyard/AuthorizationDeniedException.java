package dev.lanyard;

/** The person (or the provider on their behalf) refused the sign-in, e.g. {@code access_denied}. */
public final class AuthorizationDeniedException extends LanyardException {
  private static final long serialVersionUID = 1L;

  private final String error;

  /** The provider refused the authorization with OAuth error code {@code error}. */
  public AuthorizationDeniedException(String error, String message) {
    super(message, null);
    this.error = error;
  }

  /** The OAuth error code, e.g. {@code access_denied}. */
  public String error() {
    return error;
  }
}
