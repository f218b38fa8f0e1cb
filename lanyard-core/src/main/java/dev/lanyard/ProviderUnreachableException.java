package dev.lanyard;

import org.jspecify.annotations.Nullable;

/**
 * The provider could not be reached or did not answer in time: connection refused, unknown host,
 * TLS failure, timeout. (When retries on 5xx/429 answers are used up, the last answer is reported
 * as what it is: a {@link ProviderErrorException} or a {@link MalformedResponseException}.)
 */
public final class ProviderUnreachableException extends LanyardException {
  private static final long serialVersionUID = 1L;

  /** The provider could not be reached: connection refused, unknown host, timeout. */
  public ProviderUnreachableException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
