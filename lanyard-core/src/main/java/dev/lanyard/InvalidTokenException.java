package dev.lanyard;

import org.jspecify.annotations.Nullable;

/** A token failed verification: signature, algorithm, issuer, audience, expiry or nonce. */
public final class InvalidTokenException extends LanyardException {
  private static final long serialVersionUID = 1L;

  /** A token that failed verification, with a one-line reason. */
  public InvalidTokenException(String message) {
    super(message, null);
  }

  /** A token that failed verification, with a one-line reason and what caused it. */
  public InvalidTokenException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
