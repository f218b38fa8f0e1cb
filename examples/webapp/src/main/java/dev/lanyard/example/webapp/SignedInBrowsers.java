package dev.lanyard.example.webapp;

import com.sun.net.httpserver.HttpExchange;
import dev.lanyard.session.TokenSession;
import dev.lanyard.verify.Identity;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Which browser is whom: a random cookie per signed-in browser, and on the server the person's
 * {@link TokenSession} under that cookie. Tokens never leave the server; the cookie is only a
 * 256-bit random key ({@code HttpOnly}, {@code SameSite=Lax}, {@code Secure} on https).
 */
final class SignedInBrowsers {
  static final String COOKIE = "lanyard_session";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ConcurrentMap<String, SignedIn> byCookie = new ConcurrentHashMap<>();
  private final int capacity;

  SignedInBrowsers(int capacity) {
    this.capacity = capacity;
  }

  /** One signed-in person: the session that keeps their token valid, and who they are. */
  record SignedIn(TokenSession session, Identity identity) {
    @Override
    public String toString() {
      return "SignedIn{" + identity + '}';
    }
  }

  /** The person this request's browser signed in as, if any. */
  Optional<SignedIn> find(HttpExchange exchange) {
    return Cookies.get(exchange, COOKIE).map(byCookie::get);
  }

  /**
   * Remembers a sign-in under a fresh cookie, set on the response. A new cookie on every sign-in: a
   * cookie planted before the sign-in (session fixation) never becomes signed in.
   *
   * @return false when the app is full
   */
  boolean add(HttpExchange exchange, SignedIn signedIn) {
    if (byCookie.size() >= capacity) {
      byCookie.values().removeIf(s -> !renewable(s.session()));
      if (byCookie.size() >= capacity) {
        return false;
      }
    }
    forget(exchange).ifPresent(s -> clearQuietly(s.session()));
    String id = newId();
    byCookie.put(id, signedIn);
    Cookies.set(exchange, COOKIE, id, "/", null);
    return true;
  }

  /** Forgets this browser's sign-in here, expires its cookie, and returns what it was. */
  Optional<SignedIn> remove(HttpExchange exchange) {
    Optional<SignedIn> gone = forget(exchange);
    Cookies.set(exchange, COOKIE, "", "/", Duration.ZERO);
    gone.ifPresent(s -> clearQuietly(s.session()));
    return gone;
  }

  private Optional<SignedIn> forget(HttpExchange exchange) {
    return Cookies.get(exchange, COOKIE).map(byCookie::remove);
  }

  int size() {
    return byCookie.size();
  }

  void clear() {
    byCookie.values().forEach(s -> clearQuietly(s.session()));
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
      // A memory store does not fail; nothing else to clean up.
    }
  }

  static String newId() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
