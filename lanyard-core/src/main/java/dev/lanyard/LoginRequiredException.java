package dev.lanyard;

/**
 * The tokens can no longer be renewed without a person: the refresh token is gone, expired or
 * revoked, and the configured grant cannot sign in by itself.
 */
public final class LoginRequiredException extends LanyardException {
  private static final long serialVersionUID = 1L;

  public LoginRequiredException(String message) {
    super(message, null);
  }

  public LoginRequiredException(String message, Throwable cause) {
    super(message, cause);
  }
}
