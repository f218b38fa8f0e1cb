package dev.lanyard.internal.loopback;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The head of one HTTP request to the loopback server: method, path, query and {@code Host}. Only
 * what a browser sends is understood; anything else is an {@link IllegalArgumentException}.
 */
public record CallbackRequest(String method, String path, String rawQuery, @Nullable String host) {

  /** Parses a request head (request line and headers, ISO-8859-1 as HTTP/1.1 says). */
  static CallbackRequest parse(byte[] head, int length) {
    String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\r?\n");
    String[] parts = lines[0].split(" ", -1);
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.") || !parts[0].matches("[A-Z]{1,16}")) {
      throw new IllegalArgumentException("not an HTTP/1.x request line");
    }
    String target = parts[1];
    if (!target.startsWith("/")) {
      throw new IllegalArgumentException("not an origin-form request target");
    }
    String host = null;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0 && lines[i].substring(0, colon).trim().equalsIgnoreCase("host")) {
        if (host != null) {
          throw new IllegalArgumentException("two Host headers");
        }
        host = lines[i].substring(colon + 1).trim().toLowerCase(Locale.ROOT);
      }
    }
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String query = q < 0 ? "" : target.substring(q + 1);
    int hash = query.indexOf('#');
    if (hash >= 0) {
      query = query.substring(0, hash);
    }
    return new CallbackRequest(parts[0], path, query, host);
  }

  /** True when the request was addressed to this server (not via a rebound DNS name). */
  public boolean hostIs(int port) {
    return ("127.0.0.1:" + port).equals(host) || ("localhost:" + port).equals(host);
  }

  /**
   * The query parameters, decoded. A parameter given twice is refused (RFC 6749 §3.1): which of the
   * two would count is exactly what an attacker wants to choose.
   */
  public Map<String, String> parameters() {
    Map<String, String> params = new LinkedHashMap<>();
    if (rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (params.put(name, value) != null) {
        throw new IllegalArgumentException("parameter " + printable(name) + " given twice");
      }
    }
    return Collections.unmodifiableMap(params);
  }

  /** A name from the request, fit for a one-line message: no control characters, 100 at most. */
  private static String printable(String s) {
    return dev.lanyard.internal.text.Printable.line(s, 100);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // the decoder's own message quotes the input, control characters and all
      throw new IllegalArgumentException("a parameter is not valid percent-encoding");
    }
  }

  @Override
  public String toString() {
    // The query holds the authorization code: never shown.
    return method + " " + path + (rawQuery.isEmpty() ? "" : "?[redacted]");
  }
}
