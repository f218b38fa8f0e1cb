package dev.lanyard;

import org.jspecify.annotations.Nullable;

/**
 * The tokens can no longer be renewed without a person: the refresh token is gone, expired or
 * revoked, and the configured grant cannot sign in by itself.
 */
public final class LoginRequiredException extends LanyardException {
  private static final long serialVersionUID = 1L;

  /** Only a person can get new tokens; the message says how. */
  public LoginRequiredException(String message) {
    super(message, null);
  }

  /** Only a person can get new tokens, with the refusal that showed it. */
  public LoginRequiredException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
