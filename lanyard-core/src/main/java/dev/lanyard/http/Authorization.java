package dev.lanyard.http;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link RequestAuthorizer} says one request carries: headers to set, replacing the
 * request's own of the same name, and for a scheme that signs the query, the URI to send instead.
 *
 * <pre>{@code
 * Authorization.of(Map.of("Authorization", "Bearer " + token));  // a header
 * Authorization.of(signedUri, Map.of());                          // a signed query
 * }</pre>
 *
 * <p>Immutable; equal when headers and URI are. {@link #toString()} shows header names only, and
 * the URI without its query.
 */
public final class Authorization {
  /** Nothing: the request is sent as it is. */
  public static final Authorization NONE = new Authorization(null, Map.of());

  private final @Nullable URI uri;
  private final Map<String, String> headers;

  private Authorization(@Nullable URI uri, Map<String, String> headers) {
    this.uri = uri;
    this.headers = headers;
  }

  /**
   * These headers (name to value), the request's URI unchanged.
   *
   * @throws IllegalArgumentException for an empty header name or a value with a line break
   */
  public static Authorization of(Map<String, String> headers) {
    return new Authorization(null, checked(headers));
  }

  /**
   * {@code uri} instead of the request's (same scheme and authority: a scheme may sign the path and
   * query, never redirect the request), and these headers.
   *
   * @throws IllegalArgumentException for an empty header name or a value with a line break
   */
  public static Authorization of(URI uri, Map<String, String> headers) {
    return new Authorization(Objects.requireNonNull(uri, "uri"), checked(headers));
  }

  /** The headers to set, by name. */
  public Map<String, String> headers() {
    return headers;
  }

  /** The URI to send instead of the request's; empty to keep the request's. */
  public Optional<URI> uri() {
    return Optional.ofNullable(uri);
  }

  /**
   * The URI to send a request for {@code requestUri} to: {@link #uri()} if set, else {@code
   * requestUri}.
   *
   * @throws IllegalStateException when {@link #uri()} names another scheme or authority than {@code
   *     requestUri}: the credentials are meant for the server the caller chose
   */
  public URI uriFor(URI requestUri) {
    if (uri == null) {
      return requestUri;
    }
    if (!Objects.equals(uri.getScheme(), requestUri.getScheme())
        || !Objects.equals(uri.getRawAuthority(), requestUri.getRawAuthority())) {
      throw new IllegalStateException(
          "an authorization may not move a request from "
              + requestUri.getScheme()
              + "://"
              + requestUri.getRawAuthority()
              + " to "
              + uri.getScheme()
              + "://"
              + uri.getRawAuthority());
    }
    return uri;
  }

  private static Map<String, String> checked(Map<String, String> headers) {
    Map<String, String> copy = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    copy.forEach(
        (name, value) -> {
          if (name.isBlank()) {
            throw new IllegalArgumentException("header name must not be blank");
          }
          if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header " + name + " must not contain a line break");
          }
        });
    return copy;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Authorization a && Objects.equals(uri, a.uri) && headers.equals(a.headers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(uri, headers);
  }

  /** Header names, and the URI without its query; never a credential. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Authorization{headers=");
    sb.append(new TreeMap<>(headers).keySet());
    if (uri != null) {
      sb.append(", uri=")
          .append(uri.getScheme())
          .append("://")
          .append(uri.getRawAuthority())
          .append(uri.getRawPath())
          .append(uri.getRawQuery() == null ? "" : "?[redacted]");
    }
    return sb.append('}').toString();
  }
}
