package dev.lanyard.redis;

import java.io.IOException;

/**
 * The stored tokens are encrypted with a key this process does not have, or the key it has under
 * that id does not open them. The message names the key id, never a key or a token; the stored
 * value is left as it is.
 */
public final class StoreKeyException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String keyId;

  StoreKeyException(String message, String keyId) {
    super(message);
    this.keyId = keyId;
  }

  /** The id of the key the stored tokens are encrypted with. */
  public String keyId() {
    return keyId;
  }
}
