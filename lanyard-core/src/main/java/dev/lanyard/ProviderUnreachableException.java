package dev.lanyard;

/**
 * The provider could not be reached or did not answer in time: connection refused, DNS failure,
 * TLS failure, timeout, or retries used up on 5xx/429 answers.
 */
public final class ProviderUnreachableException extends LanyardException {
  private static final long serialVersionUID = 1L;

  public ProviderUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
