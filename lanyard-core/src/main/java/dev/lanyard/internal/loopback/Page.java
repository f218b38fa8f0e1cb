package dev.lanyard.internal.loopback;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A small HTML answer of the loopback server, sent with headers that keep it out of caches and keep
 * the callback URL (it holds the code) out of any {@code Referer}.
 */
public record Page(int status, String reason, String title, String message) {

  /** The sign-in is complete. */
  public static Page success() {
    return new Page(200, "OK", "Signed in", "Signed in. You can close this tab.");
  }

  /** The provider refused the sign-in; {@code description} may be null. */
  public static Page refused(String error, @Nullable String description) {
    String detail =
        description == null || description.isBlank() ? error : error + ": " + description;
    return new Page(200, "OK", "Sign-in refused", "The sign-in was refused. " + detail);
  }

  /** The sign-in failed after the callback arrived. */
  public static Page failed(String message) {
    return new Page(
        500, "Internal Server Error", "Sign-in failed", "The sign-in failed: " + message);
  }

  /** A request that cannot end the sign-in. */
  public static Page badRequest(String message) {
    return new Page(400, "Bad Request", "Bad request", message);
  }

  /** Nothing is served at this path. */
  public static Page notFound() {
    return new Page(404, "Not Found", "Not found", "Nothing here.");
  }

  /** Only GET is served. */
  public static Page methodNotAllowed() {
    return new Page(405, "Method Not Allowed", "Method not allowed", "Only GET is served here.");
  }

  static Page tooLarge() {
    return new Page(
        431, "Request Header Fields Too Large", "Too large", "The request is too large.");
  }

  static Page busy() {
    return new Page(503, "Service Unavailable", "Busy", "Too many requests at once; try again.");
  }

  /** The whole response: status line, headers, body; the connection closes after it. */
  byte[] toBytes() {
    String body =
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
            + escape(title)
            + " – Lanyard</title></head>\n<body style=\"font-family:sans-serif;margin:3em\"><h1>"
            + escape(title)
            + "</h1><p>"
            + escape(message)
            + "</p></body></html>\n";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + " "
            + reason
            + "\r\nContent-Type: text/html; charset=utf-8"
            + "\r\nContent-Length: "
            + bytes.length
            + "\r\nCache-Control: no-store"
            + "\r\nPragma: no-cache"
            + "\r\nReferrer-Policy: no-referrer"
            + "\r\nX-Content-Type-Options: nosniff"
            + "\r\nX-Frame-Options: DENY"
            + "\r\nContent-Security-Policy: default-src 'none'; style-src 'unsafe-inline'"
            + (status == 405 ? "\r\nAllow: GET" : "")
            + "\r\nConnection: close\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[h.length + bytes.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(bytes, 0, all, h.length, bytes.length);
    return all;
  }

  /** HTML-escapes text from anywhere, the provider's {@code error_description} included. */
  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
