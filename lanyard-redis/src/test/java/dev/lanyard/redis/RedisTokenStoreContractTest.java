package dev.lanyard.redis;

import dev.lanyard.store.TokenStore;
import dev.lanyard.store.TokenStoreContract;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract, against a real redis-server. */
class RedisTokenStoreContractTest extends TokenStoreContract {
  private static RedisStore redis;
  private static RedisClient raw;
  private static StatefulRedisConnection<String, String> rawConnection;

  @BeforeAll
  static void connect() throws IOException {
    String uri = RedisServer.shared().uri();
    redis = RedisStore.builder(uri).keyPrefix("contract:").connect();
    raw = RedisClient.create(uri);
    rawConnection = raw.connect();
  }

  @AfterAll
  static void close() {
    rawConnection.close();
    raw.shutdown();
    redis.close();
  }

  @Override
  protected TokenStore newStore() {
    return redis.forKey(UUID.randomUUID().toString());
  }

  /** Every write gets a new fencing number, even of the same tokens. */
  @Override
  protected Object fingerprint(TokenStore store) {
    return rawConnection.sync().hgetall(((RedisTokenStore) store).key());
  }
}
