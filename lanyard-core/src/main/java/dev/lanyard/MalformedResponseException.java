package dev.lanyard;

import org.jspecify.annotations.Nullable;

/**
 * The provider answered, but not with what the protocol promises: not JSON, an HTML error page, a
 * token response without {@code access_token}. The message names the endpoint and what was wrong,
 * never the body (it may hold secrets).
 */
public final class MalformedResponseException extends LanyardException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /** A response that is not the protocol, with its HTTP status (0 when none). */
  public MalformedResponseException(String message, int status) {
    super(message, null);
    this.status = status;
  }

  /**
   * A response that is not the protocol, with its HTTP status (0 when none) and the parse failure.
   */
  public MalformedResponseException(String message, int status, @Nullable Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status of the response, or 0 when there was none. */
  public int status() {
    return status;
  }
}
