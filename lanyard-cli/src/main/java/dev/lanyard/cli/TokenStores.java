package dev.lanyard.cli;

import dev.lanyard.cli.config.ConfigException;
import dev.lanyard.keychain.KeychainTokenStore;
import dev.lanyard.redis.RedisStore;
import dev.lanyard.redis.StoreKeys;
import dev.lanyard.store.FileTokenStore;
import dev.lanyard.store.TokenStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place the command line chooses a profile's token store, from its {@code store} setting
 * ({@code --store} on login, {@code LANYARD_STORE}):
 *
 * <ul>
 *   <li>{@code file} (the default): the owner-only token file;
 *   <li>{@code keychain}: the platform's secret store; one that cannot be reached falls back to the
 *       token file with one notice on standard error, never silently;
 *   <li>a {@code redis://}, {@code rediss://} or {@code redis-sentinel://} URI: shared by every
 *       machine with the same profile, encrypted with the keys in the variable {@code
 *       store_key_env} names, else in {@code LANYARD_STORE_KEY}. Keys are never read from the
 *       command line.
 * </ul>
 */
final class TokenStores {
  static final String KEY_VARIABLE = "LANYARD_STORE_KEY";

  private final Context ctx;

  /** One connection per URI for this run; the process ends with the command. */
  private final Map<String, RedisStore> redis = new HashMap<>();

  TokenStores(Context ctx) {
    this.ctx = ctx;
  }

  /** The store of a profile's identity. */
  TokenStore open(Settings s) {
    String store = s.store().map(String::strip).orElse("file");
    String kind = store.toLowerCase(Locale.ROOT);
    Path dir = ctx.locations().tokenDirectory();
    if (kind.isEmpty() || kind.equals("file")) {
      return fileStore(dir, s);
    }
    if (kind.equals("keychain")) {
      return keychain(dir, s);
    }
    if (kind.startsWith("redis://")
        || kind.startsWith("rediss://")
        || kind.startsWith("redis-sentinel://")) {
      return redis(store, s);
    }
    throw CliError.usage(
        "store: '"
            + (store.contains("://") ? RedisStore.redactedUri(store) : Errors.oneLine(store))
            + "' is not a token store; use file, keychain, or a redis://, rediss:// or"
            + " redis-sentinel:// URI");
  }

  /** The name is FileTokenStore.fileName's, computed without starting the JCA (TokenFileName). */
  private static FileTokenStore fileStore(Path dir, Settings s) {
    return FileTokenStore.at(
        dir.resolve(TokenFileName.of(s.storeIssuer(), s.storeClient(), s.profile())));
  }

  private static TokenStore keychain(Path dir, Settings s) {
    try {
      return KeychainTokenStore.forIdentity(dir, s.storeIssuer(), s.storeClient(), s.profile());
    } catch (IOException | RuntimeException | LinkageError e) {
      FileTokenStore file = fileStore(dir, s);
      Logger log = LoggerFactory.getLogger(TokenStores.class); // made when needed: not on start-up
      log.warn(
          "{}; profile '{}' keeps its tokens in the file {} instead",
          Errors.oneLine(e.getMessage()),
          s.profile(),
          file.path());
      return file;
    }
  }

  private TokenStore redis(String uri, Settings s) {
    RedisStore connection = redis.get(uri);
    if (connection == null) {
      try {
        RedisStore.Builder b = RedisStore.builder(uri);
        keys(s).ifPresent(b::keys);
        connection = b.connect();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      redis.put(uri, connection);
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

  /** The token file of a profile whose store is {@code file}, without making the store. */
  static Optional<Path> fileOf(Context ctx, Settings s) {
    String kind = s.store().map(String::strip).orElse("file").toLowerCase(Locale.ROOT);
    if (!kind.isEmpty() && !kind.equals("file")) {
      return Optional.empty();
    }
    return Optional.of(
        ctx.locations()
            .tokenDirectory()
            .resolve(TokenFileName.of(s.storeIssuer(), s.storeClient(), s.profile())));
  }

  /** The token file of a file store; empty for other stores. */
  static Optional<Path> file(TokenStore store) {
    return store instanceof FileTokenStore f ? Optional.of(f.path()) : Optional.empty();
  }

  /** The label of the status row that says where the tokens are. */
  static String label(TokenStore store) {
    return store instanceof FileTokenStore ? "token file" : "tokens in";
  }
}
