package dev.lanyard.profiles.internal;

import dev.lanyard.internal.env.Variables;
import dev.lanyard.profiles.config.ConfigException;
import dev.lanyard.redis.RedisStore;
import dev.lanyard.redis.StoreKeys;
import dev.lanyard.store.TokenStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/** The Redis store; loaded only once lanyard-redis is known to be on the class path. */
final class RedisStores {
  private RedisStores() {}

  static TokenStore open(Map<String, Object> connections, String uri, Settings s, Variables vars) {
    RedisStore connection = (RedisStore) connections.get(uri);
    if (connection == null) {
      try {
        RedisStore.Builder b = RedisStore.builder(uri);
        keys(s, vars).ifPresent(b::keys);
        connection = b.connect();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      connections.put(uri, connection);
    }
    return connection.forIdentity(s.storeIssuer(), s.storeClient(), s.profile());
  }

  private static Optional<StoreKeys> keys(Settings s, Variables vars) {
    String variable = s.storeKeyEnv().orElse(StoreOpener.KEY_VARIABLE);
    Optional<String> value = vars.get(variable).filter(v -> !v.isBlank());
    if (value.isEmpty()) {
      if (s.storeKeyEnv().isPresent()) {
        throw new ConfigException("store_key_env names " + variable + ", which is not set");
      }
      return Optional.empty();
    }
    try {
      return Optional.of(StoreKeys.parse(value.get()));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage() + " (in " + variable + ")");
    }
  }
}
