package dev.lanyard;

import org.jspecify.annotations.Nullable;

/** A wait for a person or a provider ran past its deadline (a login, a device code, a lock). */
public final class LoginTimeoutException extends LanyardException {
  private static final long serialVersionUID = 1L;

  /** The person did not finish signing in before the deadline. */
  public LoginTimeoutException(String message) {
    super(message, null);
  }

  /** The person did not finish signing in before the deadline, with the underlying cause. */
  public LoginTimeoutException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
