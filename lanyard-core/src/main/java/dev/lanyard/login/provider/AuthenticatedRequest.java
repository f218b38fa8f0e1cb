package dev.lanyard.login.provider;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a {@link RequestAuthenticator} says to send: the URI (a signed one carries its signature in
 * the query) and the headers to set. {@link #toString()} shows neither the query nor header values.
 *
 * @param uri the URI to send the request to
 * @param headers header values by name, set on the request (replacing the request's own)
 */
public record AuthenticatedRequest(URI uri, Map<String, String> headers) {
  public AuthenticatedRequest {
    Objects.requireNonNull(uri, "uri");
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
  }

  /** The request unchanged: this URI, no headers. */
  public static AuthenticatedRequest of(URI uri) {
    return new AuthenticatedRequest(uri, Map.of());
  }

  @Override
  public String toString() {
    String query = uri.getRawQuery() == null ? "" : "?[redacted]";
    return "AuthenticatedRequest{uri="
        + uri.getScheme()
        + "://"
        + uri.getRawAuthority()
        + uri.getRawPath()
        + query
        + ", headers="
        + new TreeMap<>(headers).keySet()
        + '}';
  }
}
