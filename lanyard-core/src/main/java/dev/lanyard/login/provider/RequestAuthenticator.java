package dev.lanyard.login.provider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Authenticates one API request: a provider that signs requests adds its signature to the query,
 * one with a key or token adds a header. Independent of the HTTP client: it sees the method and the
 * URI, and says which URI to send and which headers to set; {@link #apply(HttpRequest)} does that
 * for {@code java.net.http}.
 *
 * <pre>{@code
 * RequestAuthenticator auth = provider.authenticator(credentials);
 * URI call = URI.create(api + "/api/notebooks/notebook_info?uid=...");
 * HttpRequest request = HttpRequest.newBuilder(call).GET().build();
 * HttpResponse<String> response = http.send(auth.apply(request), BodyHandlers.ofString());
 * }</pre>
 *
 * <p>Signatures usually expire: authenticate each request just before sending it, and again for a
 * retry.
 */
@FunctionalInterface
public interface RequestAuthenticator {
  /** Leaves every request as it is. */
  RequestAuthenticator NONE = (method, uri) -> AuthenticatedRequest.of(uri);

  /**
   * The URI to send instead of {@code uri} and the headers to set, for a request with this HTTP
   * method ({@code GET}, {@code POST}, ...).
   *
   * @throws IllegalArgumentException when the provider cannot authenticate this URI (say, it is not
   *     one of its API's)
   */
  AuthenticatedRequest authenticate(String method, URI uri) throws IOException;

  /**
   * A copy of {@code request} (method, body, headers, timeout, version) with the authenticated URI
   * and with the authentication headers set, replacing any of the same name.
   */
  default HttpRequest apply(HttpRequest request) throws IOException {
    Objects.requireNonNull(request, "request");
    AuthenticatedRequest a = authenticate(request.method(), request.uri());
    Set<String> replaced = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    replaced.addAll(a.headers().keySet());
    HttpRequest.Builder b =
        HttpRequest.newBuilder(request, (name, value) -> !replaced.contains(name)).uri(a.uri());
    a.headers().forEach(b::setHeader);
    return b.build();
  }

  /** Adds one header to every request, e.g. {@code header("Authorization", "Bearer " + token)}. */
  static RequestAuthenticator header(String name, String value) {
    Map<String, String> headers = Map.of(name, value);
    return (method, uri) -> new AuthenticatedRequest(uri, headers);
  }
}
