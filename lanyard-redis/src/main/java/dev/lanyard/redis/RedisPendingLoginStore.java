package dev.lanyard.redis;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.lanyard.internal.store.TokenSetJson;
import dev.lanyard.login.PendingLogin;
import dev.lanyard.login.PendingLoginStore;
import io.lettuce.core.RedisException;
import io.lettuce.core.SetArgs;
import java.io.UncheckedIOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Started sign-ins (state, PKCE verifier, nonce, redirect URI, and for a DPoP login its key) in
 * Redis, so that a login started on one instance of a web app completes on another. One key per
 * sign-in, {@code <prefix>{login-<sha256(state)>}:pending}, living until the sign-in expires;
 * {@link #take} is {@code GETDEL}, so a state is good for one callback even when two arrive at
 * once. Encrypted with the store's keys, like tokens. A DPoP sign-in's key is written as the token
 * records write it ({@code dpop_key}, the private JWK), and only encrypted: without the store's
 * keys {@link #put} refuses such a sign-in rather than leave a private key readable in Redis. Get
 * one from {@link RedisStore#pendingLogins(Duration)}.
 *
 * <p>Redis unreachable: {@link #put} and {@link #take} throw an {@link UncheckedIOException}
 * holding a {@link StoreUnavailableException}; nothing is kept in memory, since another instance
 * could not see it.
 */
public final class RedisPendingLoginStore implements PendingLoginStore {
  private static final Logger LOG = LoggerFactory.getLogger(RedisPendingLoginStore.class);

  private final RedisStore redis;
  private final Duration lifetime;

  RedisPendingLoginStore(RedisStore redis, Duration lifetime) {
    this.redis = redis;
    this.lifetime = lifetime;
  }

  @Override
  public void put(PendingLogin login) {
    Objects.requireNonNull(login, "login");
    if (login.dpopKey().isPresent() && redis.config.keys == null) {
      throw new IllegalStateException(
          "a DPoP sign-in cannot be kept in Redis without encryption: its private key would be"
              + " readable there; configure the store's keys (RedisStore.Builder.keys)");
    }
    String key = key(login.state());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("state", login.state());
    json.put("code_verifier", login.codeVerifier());
    json.put("nonce", login.nonce());
    json.put("redirect_uri", login.redirectUri().toString());
    login.expectedEmail().ifPresent(e -> json.put("expected_email", e));
    json.put("expires_at", login.expiresAt().toEpochMilli());
    login.dpopKey().ifPresent(k -> json.put("dpop_key", TokenSetJson.dpopJwk(k)));
    long ttl = Math.max(1, Duration.between(Instant.now(), login.expiresAt()).toMillis());
    String value = seal(JSONObjectUtils.toJSONString(json), key);
    try {
      redis.commands.sync().set(key, value, SetArgs.Builder.px(ttl));
    } catch (RedisException e) {
      throw failed("keep a started sign-in", e);
    }
  }

  @Override
  public Optional<PendingLogin> take(String state) {
    Objects.requireNonNull(state, "state");
    if (state.isEmpty()) {
      return Optional.empty();
    }
    String key = key(state);
    String value;
    try {
      value = redis.commands.sync().getdel(key);
    } catch (RedisException e) {
      throw failed("find a started sign-in", e);
    }
    if (value == null) {
      return Optional.empty();
    }
    try {
      Map<String, Object> json = JSONObjectUtils.parse(open(value, key));
      if (!state.equals(json.get("state"))) {
        return Optional.empty(); // a SHA-256 collision, or a planted value
      }
      if (!(json.get("code_verifier") instanceof String verifier)
          || !(json.get("nonce") instanceof String nonce)
          || !(json.get("redirect_uri") instanceof String redirect)
          || !(json.get("expires_at") instanceof Number expires)) {
        throw new IllegalArgumentException("a field is missing");
      }
      PendingLogin login =
          PendingLogin.of(
              state,
              verifier,
              nonce,
              URI.create(redirect),
              Instant.ofEpochMilli(expires.longValue()));
      Object email = json.get("expected_email");
      if (email instanceof String e) {
        login = login.withExpectedEmail(e);
      }
      Object dpopKey = json.get("dpop_key");
      if (dpopKey != null) {
        login = login.withDpopKey(TokenSetJson.dpopKey(dpopKey));
      }
      return Optional.of(login);
    } catch (ParseException | TokenSetJson.Invalid | RuntimeException e) {
      LOG.warn("Ignoring the unreadable started sign-in in Redis key {}", key);
      return Optional.empty();
    } catch (StoreKeyException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Duration lifetime() {
    return lifetime;
  }

  private String key(String state) {
    return redis.config.keyPrefix + "{login-" + WebKeys.hash(state) + "}:pending";
  }

  private String seal(String json, String key) {
    StoreKeys keys = redis.config.keys;
    return keys == null ? json : keys.seal(json, key);
  }

  private String open(String value, String key) throws StoreKeyException {
    return RedisSessionStore.open(redis.config.keys, value, key, "started sign-in");
  }

  private UncheckedIOException failed(String what, RedisException e) {
    return new UncheckedIOException(
        new StoreUnavailableException(
            "Redis at "
                + redis.description
                + " failed to "
                + what
                + ": "
                + RedisTokenStore.reason(e),
            e));
  }

  @Override
  public String toString() {
    return "RedisPendingLoginStore[" + redis.description + "]";
  }
}
