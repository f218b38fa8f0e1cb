package dev.lanyard.example.webapp;

import com.sun.net.httpserver.HttpExchange;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Reads request cookies and sets response cookies with safe attributes. */
final class Cookies {
  private Cookies() {}

  /** The value of the named cookie the browser sent, if it sent one that is not empty. */
  static Optional<String> get(HttpExchange exchange, String name) {
    List<String> headers = exchange.getRequestHeaders().get("Cookie");
    if (headers == null) {
      return Optional.empty();
    }
    for (String header : headers) {
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
          String value = pair.substring(eq + 1).strip();
          if (!value.isEmpty()) {
            return Optional.of(value);
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Sets a cookie: {@code HttpOnly} (no script reads it), {@code SameSite=Lax} (not sent with
   * cross-site POSTs, so a foreign page cannot sign the person out), {@code Secure} when the app is
   * served over https. A {@code maxAge} of zero deletes it; null makes a browser-session cookie.
   */
  static void set(HttpExchange exchange, String name, String value, String path, Duration maxAge) {
    StringBuilder c = new StringBuilder(name).append('=').append(value);
    c.append("; Path=").append(path).append("; HttpOnly; SameSite=Lax");
    if (maxAge != null) {
      c.append("; Max-Age=").append(maxAge.toSeconds());
    }
    if (exchange.getHttpContext().getServer() instanceof com.sun.net.httpserver.HttpsServer) {
      c.append("; Secure");
    }
    exchange.getResponseHeaders().add("Set-Cookie", c.toString());
  }
}
