package dev.lanyard.example.webapp;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Pages: one template, every value escaped, headers that keep pages private and inert. */
final class Html {
  private Html() {}

  /** Text safe inside HTML elements and double-quoted attributes. */
  static String esc(Object value) {
    String s = String.valueOf(value);
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** A whole page around {@code body} (already HTML). */
  static String page(String title, String body) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>"
        + esc(title)
        + " - Lanyard example</title>"
        + "<style>body{font:16px system-ui,sans-serif;max-width:44em;margin:2em auto}"
        + "pre{background:#f4f4f4;padding:1em;overflow:auto}dt{font-weight:bold}</style>"
        + "</head><body>"
        + body
        + "<hr><nav><a href=\"/\">Home</a></nav></body></html>";
  }

  static void send(HttpExchange exchange, int status, String title, String body)
      throws IOException {
    byte[] bytes = page(title, body).getBytes(StandardCharsets.UTF_8);
    var h = exchange.getResponseHeaders();
    h.set("Content-Type", "text/html; charset=utf-8");
    // Pages show personal data: never cached, never framed, no scripts at all.
    h.set("Cache-Control", "no-store");
    h.set(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    h.set("X-Content-Type-Options", "nosniff");
    // The callback URL carries the authorization code: never send it on in a Referer.
    h.set("Referrer-Policy", "no-referrer");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** A 303 to {@code location}, with no body. */
  static void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
    exchange.sendResponseHeaders(303, -1);
    exchange.close();
  }
}
