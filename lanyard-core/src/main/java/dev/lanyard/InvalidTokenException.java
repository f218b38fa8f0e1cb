package dev.lanyard;

/** A token failed verification: signature, algorithm, issuer, audience, expiry or nonce. */
public final class InvalidTokenException extends LanyardException {
  private static final long serialVersionUID = 1L;

  public InvalidTokenException(String message) {
    super(message, null);
  }

  public InvalidTokenException(String message, Throwable cause) {
    super(message, cause);
  }
}
