package dev.lanyard.redis;

import java.io.IOException;

/**
 * New tokens were written to the Redis primary, but fewer replicas than {@link
 * RedisStore.Builder#replicas(int, java.time.Duration) configured} acknowledged them within the
 * timeout: a failover now could lose them (and with them a rotated refresh token). The tokens stay
 * in Redis and readable; the next renewal reads them from there.
 */
public final class ReplicationTimeoutException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long acknowledged;
  private final int wanted;

  ReplicationTimeoutException(String message, long acknowledged, int wanted) {
    super(message);
    this.acknowledged = acknowledged;
    this.wanted = wanted;
  }

  /** How many replicas acknowledged the write. */
  public long acknowledged() {
    return acknowledged;
  }

  /** How many replicas were configured to acknowledge it. */
  public int wanted() {
    return wanted;
  }
}
