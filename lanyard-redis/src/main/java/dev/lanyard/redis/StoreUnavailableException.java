package dev.lanyard.redis;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Redis could not be reached (or did not answer in time) for long enough that the operation gave
 * up. The stored tokens are unchanged; a session holding valid tokens keeps serving them, and the
 * next renewal tries again.
 */
public final class StoreUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;

  StoreUnavailableException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
