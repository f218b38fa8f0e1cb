package dev.lanyard.redis;

import java.io.IOException;

/**
 * Told what happens between a {@link RedisStore} and Redis, for logs and metrics: every failed
 * round trip, renewals made without Redis and written back later, and writes that fewer replicas
 * acknowledged than configured. Called on the thread that saw it; must be quick and must not call
 * the store. A listener that throws is logged and otherwise ignored.
 */
public interface RedisStoreListener {
  /** Does nothing. */
  RedisStoreListener NONE = new RedisStoreListener() {};

  /**
   * A round trip to Redis failed: {@code operation} is one of {@code load}, {@code lock}, {@code
   * write}, {@code renew-lease}, {@code release}, {@code write-back}.
   */
  default void onFailure(String identity, String operation, IOException error) {}

  /** Redis was unreachable and a grant that can re-authenticate renewed the tokens locally. */
  default void onLocalRenewal(String identity) {}

  /** Tokens renewed locally during an outage were written to Redis. */
  default void onWrittenBack(String identity) {}

  /** After a write, fewer replicas than {@code wanted} acknowledged it within the WAIT timeout. */
  default void onReplicasLagging(String identity, long acknowledged, int wanted) {}
}
