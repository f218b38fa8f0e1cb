package dev.lanyard;

/** A wait for a person or a provider ran past its deadline (a login, a device code, a lock). */
public final class LoginTimeoutException extends LanyardException {
  private static final long serialVersionUID = 1L;

  public LoginTimeoutException(String message) {
    super(message, null);
  }

  public LoginTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
