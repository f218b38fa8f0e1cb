package dev.lanyard.redis;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.lettuce.core.RedisException;
import io.lettuce.core.SetArgs;
import java.io.IOException;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-user sessions of a web app in Redis, by session id (the browser's cookie): a few attributes
 * (who signed in) and the user's tokens in a {@link RedisTokenStore} of their own, so any instance
 * serves any user and a restart signs nobody out. Key names hold a SHA-256 of the session id, never
 * the id; values are encrypted with the store's keys. Get one from {@link
 * RedisStore#webSessions(Duration)}.
 *
 * <pre>{@code
 * RedisSessionStore sessions = redis.webSessions(Duration.ofHours(8));
 * sessions.put(cookie, Map.of("name", "Alice"));
 * TokenSession tokens = TokenSession.builder()...store(sessions.tokens(cookie)).build();
 * }</pre>
 */
public final class RedisSessionStore {
  private static final Logger LOG = LoggerFactory.getLogger(RedisSessionStore.class);

  private final RedisStore redis;
  private final Duration idle;

  RedisSessionStore(RedisStore redis, Duration idle) {
    this.redis = redis;
    this.idle = idle;
  }

  /** Stores a session's attributes; it lives for the idle time, renewed by each {@link #get}. */
  public void put(String sessionId, Map<String, String> attributes) throws IOException {
    Objects.requireNonNull(attributes, "attributes");
    String key = key(sessionId);
    String json = JSONObjectUtils.toJSONString(new LinkedHashMap<String, Object>(attributes));
    StoreKeys keys = redis.config.keys;
    try {
      redis
          .commands
          .sync()
          .set(
              key, keys == null ? json : keys.seal(json, key), SetArgs.Builder.px(idle.toMillis()));
    } catch (RedisException e) {
      throw failed("store a session", e);
    }
  }

  /** The session's attributes; empty when unknown, expired or removed. */
  public Optional<Map<String, String>> get(String sessionId) throws IOException {
    String key = key(sessionId);
    String value;
    try {
      value = redis.commands.sync().get(key);
      if (value != null) {
        redis.commands.sync().pexpire(key, idle.toMillis());
      }
    } catch (RedisException e) {
      throw failed("read a session", e);
    }
    if (value == null) {
      return Optional.empty();
    }
    try {
      Map<String, Object> json =
          JSONObjectUtils.parse(open(redis.config.keys, value, key, "session"));
      Map<String, String> attributes = new LinkedHashMap<>();
      json.forEach((k, v) -> attributes.put(k, String.valueOf(v)));
      return Optional.of(attributes);
    } catch (ParseException | IllegalArgumentException e) {
      LOG.warn("Ignoring the unreadable session in Redis key {}", key);
      return Optional.empty();
    }
  }

  /** Removes the session and its tokens. */
  public void remove(String sessionId) throws IOException {
    try {
      redis.commands.sync().del(key(sessionId));
    } catch (RedisException e) {
      throw failed("remove a session", e);
    }
    tokens(sessionId).clear();
  }

  /** The session's own token store (its key holds a hash of the session id). */
  public RedisTokenStore tokens(String sessionId) {
    return redis.forKey("web-" + WebKeys.hash(Objects.requireNonNull(sessionId, "sessionId")));
  }

  private String key(String sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    return redis.config.keyPrefix + "{web-" + WebKeys.hash(sessionId) + "}:session";
  }

  /** Opens a value sealed for {@code key}; a clear value only when no keys are configured. */
  static String open(@Nullable StoreKeys keys, String value, String key, String what)
      throws StoreKeyException {
    if (StoreKeys.isSealed(value)) {
      String id = StoreKeys.keyIdOf(value);
      if (keys == null) {
        throw new StoreKeyException(
            "the "
                + what
                + " in "
                + key
                + " is encrypted with key "
                + id
                + ", but no store key is configured",
            id);
      }
      return keys.open(value, key);
    }
    if (keys != null) {
      throw new IllegalArgumentException("a " + what + " in clear while encryption is configured");
    }
    return value;
  }

  private StoreUnavailableException failed(String what, RedisException e) {
    return new StoreUnavailableException(
        "Redis at " + redis.description + " failed to " + what + ": " + RedisTokenStore.reason(e),
        e);
  }

  @Override
  public String toString() {
    return "RedisSessionStore[" + redis.description + "]";
  }
}
