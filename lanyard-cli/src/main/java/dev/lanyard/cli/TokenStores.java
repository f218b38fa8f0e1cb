package dev.lanyard.cli;

import dev.lanyard.cli.config.ConfigException;
import dev.lanyard.redis.RedisStore;
import dev.lanyard.redis.StoreKeys;
import dev.lanyard.store.FileTokenStore;
import dev.lanyard.store.TokenStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one place the command line chooses a profile's token store from its {@code store} setting
 * ({@code --store} on login, {@code LANYARD_STORE}): the token file by default or for {@code file};
 * Redis for a {@code redis://}, {@code rediss://} or {@code redis-sentinel://} URI, encrypted with
 * the keys in the variable {@code store_key_env} names, else in {@code LANYARD_STORE_KEY}. Keys are
 * never read from the command line.
 */
final class TokenStores {
  static final String KEY_VARIABLE = "LANYARD_STORE_KEY";

  private final Context ctx;

  /** One connection per URI for this run; the process ends with the command. */
  private final Map<String, RedisStore> redis = new HashMap<>();

  TokenStores(Context ctx) {
    this.ctx = ctx;
  }

  TokenStore open(Settings s) {
    String store = s.store().map(String::trim).orElse("file");
    if (store.isEmpty() || store.equals("file")) {
      return ctx.fileStore(s);
    }
    String scheme = store.toLowerCase(Locale.ROOT);
    if (!scheme.startsWith("redis://")
        && !scheme.startsWith("rediss://")
        && !scheme.startsWith("redis-sentinel://")) {
      throw new ConfigException(
          "store must be file or a redis://, rediss:// or redis-sentinel:// URI, was "
              + RedisStore.redactedUri(store));
    }
    RedisStore connection = redis.get(store);
    if (connection == null) {
      try {
        RedisStore.Builder b = RedisStore.builder(store);
        keys(s).ifPresent(b::keys);
        connection = b.connect();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      redis.put(store, connection);
    }
    return connection.forIdentity(s.storeIssuer(), s.storeClient(), s.profile());
  }

  private Optional<StoreKeys> keys(Settings s) {
    String variable = s.storeKeyEnv().orElse(KEY_VARIABLE);
    Optional<String> value = ctx.vars().get(variable).filter(v -> !v.isBlank());
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

  /** The status row's label for a store. */
  static String label(TokenStore store) {
    return store instanceof FileTokenStore ? "token file" : "token store";
  }
}
