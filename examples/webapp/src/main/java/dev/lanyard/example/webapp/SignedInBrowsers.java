package dev.lanyard.example.webapp;

import com.sun.net.httpserver.HttpExchange;
import dev.lanyard.TokenSet;
import dev.lanyard.redis.RedisSessionStore;
import dev.lanyard.session.TokenSession;
import dev.lanyard.store.TokenStore;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * Which browser is whom: a random cookie per signed-in browser, and on the server the person's
 * {@link TokenSession} under that cookie. Tokens never leave the server; the cookie is only a
 * 256-bit random key ({@code HttpOnly}, {@code SameSite=Lax}, {@code Secure} on https).
 *
 * <p>In memory by default. With a {@link RedisSessionStore}, who signed in and their tokens live in
 * Redis under a hash of the cookie: every instance of the app serves every browser, and a restart
 * signs nobody out. Each instance then keeps only the {@link TokenSession} objects (the tokens'
 * in-memory copy) of the browsers it served, and asks Redis on each request whether the sign-in
 * still holds (another instance may have signed it out).
 */
final class SignedInBrowsers {
  static final String COOKIE = "lanyard_session";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ConcurrentMap<String, SignedIn> byCookie = new ConcurrentHashMap<>();
  private final int capacity;
  private final Function<TokenStore, TokenSession> sessions;
  private final RedisSessionStore redis;

  /**
   * @param sessions makes a person's session on a store that holds their tokens
   * @param redis where sign-ins live, or null for memory only
   */
  SignedInBrowsers(
      int capacity, Function<TokenStore, TokenSession> sessions, RedisSessionStore redis) {
    this.capacity = capacity;
    this.sessions = sessions;
    this.redis = redis;
  }

  /** Who signed in, as the ID token said at sign-in. */
  record Person(String displayName, String username, String subject) {
    Map<String, String> toMap() {
      return Map.of("name", displayName, "username", username, "subject", subject);
    }

    static Person of(Map<String, String> m) {
      return new Person(
          m.getOrDefault("name", ""),
          m.getOrDefault("username", ""),
          m.getOrDefault("subject", ""));
    }
  }

  /** One signed-in person: the session that keeps their token valid, and who they are. */
  record SignedIn(TokenSession session, Person person) {
    @Override
    public String toString() {
      return "SignedIn{" + person.displayName() + '}';
    }
  }

  /** The person this request's browser signed in as, if any. */
  Optional<SignedIn> find(HttpExchange exchange) throws IOException {
    Optional<String> cookie = Cookies.get(exchange, COOKIE);
    if (cookie.isEmpty()) {
      return Optional.empty();
    }
    if (redis == null) {
      return Optional.ofNullable(byCookie.get(cookie.get()));
    }
    Optional<Map<String, String>> stored = redis.get(cookie.get());
    if (stored.isEmpty()) {
      byCookie.remove(cookie.get());
      return Optional.empty();
    }
    return Optional.of(
        byCookie.computeIfAbsent(
            cookie.get(),
            c -> new SignedIn(sessions.apply(redis.tokens(c)), Person.of(stored.get()))));
  }

  /**
   * Remembers a sign-in under a fresh cookie, set on the response. A new cookie on every sign-in: a
   * cookie planted before the sign-in (session fixation) never becomes signed in.
   *
   * @return false when the app is full
   */
  boolean add(HttpExchange exchange, TokenSet tokens, Person person) throws IOException {
    if (redis == null && byCookie.size() >= capacity) {
      byCookie.values().removeIf(s -> !renewable(s.session()));
      if (byCookie.size() >= capacity) {
        return false;
      }
    }
    remove(exchange, false);
    String id = newId();
    TokenStore store = redis == null ? TokenStore.memory() : redis.tokens(id);
    store.save(tokens);
    if (redis != null) {
      redis.put(id, person.toMap());
    }
    byCookie.put(id, new SignedIn(sessions.apply(store), person));
    Cookies.set(exchange, COOKIE, id, "/", null);
    return true;
  }

  /**
   * Forgets this browser's sign-in (here and in Redis), expires its cookie, returns what it was.
   */
  Optional<SignedIn> remove(HttpExchange exchange) throws IOException {
    return remove(exchange, true);
  }

  private Optional<SignedIn> remove(HttpExchange exchange, boolean expireCookie)
      throws IOException {
    Optional<SignedIn> gone = find(exchange);
    Optional<String> cookie = Cookies.get(exchange, COOKIE);
    if (cookie.isPresent()) {
      byCookie.remove(cookie.get());
      if (redis != null) {
        redis.remove(cookie.get());
      }
    }
    if (expireCookie) {
      Cookies.set(exchange, COOKIE, "", "/", Duration.ZERO);
    }
    gone.ifPresent(s -> clearQuietly(s.session()));
    return gone;
  }

  /** Browsers signed in here (with Redis: those this instance served since it started). */
  int size() {
    return byCookie.size();
  }

  /** Forgets every sign-in held in memory; sign-ins in Redis stay for the next start. */
  void clear() {
    if (redis == null) {
      byCookie.values().forEach(s -> clearQuietly(s.session()));
    }
    byCookie.clear();
  }

  private static boolean renewable(TokenSession session) {
    return session
        .current()
        .map(t -> t.accessValid(Duration.ZERO) || t.refreshValid(Duration.ZERO))
        .orElse(false);
  }

  private static void clearQuietly(TokenSession session) {
    try {
      session.clear();
    } catch (IOException e) {
      // Gone from Redis already, or Redis is away: its TTL ends it.
    }
  }

  static String newId() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
