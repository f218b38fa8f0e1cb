package dev.lanyard.profiles.internal;

import dev.lanyard.internal.env.Variables;
import dev.lanyard.internal.text.Printable;
import dev.lanyard.profiles.config.ConfigException;
import dev.lanyard.store.FileTokenStore;
import dev.lanyard.store.TokenStore;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one place a profile's token store is chosen, from its {@code store} setting:
 *
 * <ul>
 *   <li>{@code file} (the default): the owner-only token file in the token folder;
 *   <li>{@code keychain}: the platform's secret store (lanyard-keychain); one that cannot be
 *       reached falls back to the token file with one warning, never silently;
 *   <li>a {@code redis://}, {@code rediss://} or {@code redis-sentinel://} URI (lanyard-redis):
 *       shared by every machine with the same profile, encrypted with the keys in the variable
 *       {@code store_key_env} names, else in {@code LANYARD_STORE_KEY}.
 * </ul>
 *
 * <p>lanyard-keychain and lanyard-redis are optional dependencies of this module: a profile that
 * names a store whose artifact is not on the class path fails with one line naming the artifact
 * (decision 0020). Their classes are only touched in {@link KeychainStores} and {@link
 * RedisStores}, after that check.
 */
public final class StoreOpener implements Closeable {
  /** The variable with the shared store's keys when the profile names none. */
  public static final String KEY_VARIABLE = "LANYARD_STORE_KEY";

  /** The token file's name for an identity (issuer, client id, profile). */
  @FunctionalInterface
  public interface FileNames {
    /** The core's own name: {@link FileTokenStore#fileName}. */
    FileNames CORE = FileTokenStore::fileName;

    /** The file name of this identity's tokens. */
    String of(String issuer, String clientId, String profile);
  }

  private final Path tokenDirectory;
  private final Variables vars;
  private final FileNames names;

  /** One connection per URI while this opener lives. */
  private final Map<String, Object> redis = new HashMap<>();

  /**
   * Stores in {@code tokenDirectory}, keys from {@code vars}, token files named by {@code names}.
   */
  public StoreOpener(Path tokenDirectory, Variables vars, FileNames names) {
    this.tokenDirectory = tokenDirectory;
    this.vars = vars;
    this.names = names;
  }

  /** The store of a profile's identity. */
  public TokenStore open(Settings s) {
    String store = s.store().map(String::strip).orElse("file");
    String kind = store.toLowerCase(Locale.ROOT);
    if (kind.isEmpty() || kind.equals("file")) {
      return fileStore(s);
    }
    if (kind.equals("keychain")) {
      require("dev.lanyard.keychain.KeychainTokenStore", "lanyard-keychain", "keychain");
      return KeychainStores.open(tokenDirectory, s, fileStore(s));
    }
    if (kind.startsWith("redis://")
        || kind.startsWith("rediss://")
        || kind.startsWith("redis-sentinel://")) {
      require("dev.lanyard.redis.RedisStore", "lanyard-redis", "redis://…");
      return RedisStores.open(redis, store, s, vars);
    }
    throw ConfigException.usage(
        "store: '"
            + (store.contains("://") ? redactedUri(store) : Printable.line(store, 200))
            + "' is not a token store; use file, keychain, or a redis://, rediss:// or"
            + " redis-sentinel:// URI");
  }

  /** The token file of a profile's identity. */
  public FileTokenStore fileStore(Settings s) {
    return FileTokenStore.at(
        tokenDirectory.resolve(names.of(s.storeIssuer(), s.storeClient(), s.profile())));
  }

  private static void require(String className, String artifact, String store) {
    try {
      Class.forName(className, false, StoreOpener.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw ConfigException.usage(
          "store: "
              + store
              + " needs dev.lanyard:"
              + artifact
              + " on the class path; add that dependency");
    }
  }

  /** A Redis URI without its password, for messages. */
  static String redactedUri(String uri) {
    int at = uri.indexOf('@');
    int scheme = uri.indexOf("://");
    if (at < 0 || scheme < 0 || at < scheme) {
      return Printable.line(uri, 200);
    }
    return Printable.line(uri.substring(0, scheme + 3) + "…" + uri.substring(at), 200);
  }

  /** Closes the shared stores' connections this opener made. */
  @Override
  public void close() {
    for (Object connection : redis.values()) {
      try {
        ((AutoCloseable) connection).close();
      } catch (Exception e) {
        // closing: nothing left to do with it
      }
    }
    redis.clear();
  }
}
