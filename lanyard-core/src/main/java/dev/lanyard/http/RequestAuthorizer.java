package dev.lanyard.http;

import dev.lanyard.session.TokenSession;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * How requests to an API are authorized: what each request carries, and what to do when the server
 * answers 401. The three HTTP integrations ({@link AuthenticatedHttpClient}, {@code LanyardOkHttp},
 * {@code LanyardHttpClient5}) take any implementation and follow the same steps for every call:
 *
 * <ol>
 *   <li>{@link #authorize} just before sending: the headers to set (replacing the request's own of
 *       the same name) and, for a scheme that signs the query, the URI to send instead;
 *   <li>when the body can be sent again and {@link #retryMayHelp} says so for the first response:
 *       {@link #reauthorize}, and unless that gives the rejected authorization again, one more send
 *       with it; never a third;
 *   <li>{@link #onResponse} with the response the caller gets and the authorization it carried.
 * </ol>
 *
 * <pre>{@code
 * RequestAuthorizer bearer = RequestAuthorizer.bearer(session);
 * RequestAuthorizer bfabric = RequestAuthorizer.basic(session, RequestAuthorizer.B_FABRIC_LOGIN);
 * RequestAuthorizer signed = labArchives.authenticator();
 * AuthenticatedHttpClient api = AuthenticatedHttpClient.of(HttpClient.newHttpClient(), signed);
 * }</pre>
 *
 * <p>A scheme that needs more than a header per request (a DPoP proof over the method and URI, a
 * server nonce from a {@code DPoP-Nonce} header or a {@code use_dpop_nonce} challenge) implements
 * the hooks it needs; the integrations do not change. Implementations are thread-safe and keep no
 * per-call state: concurrent calls share one instance.
 */
@FunctionalInterface
public interface RequestAuthorizer {
  /** The login B-Fabric's API expects with an OAuth access token as the HTTP Basic password. */
  String B_FABRIC_LOGIN = "__oauth__";

  /** Sends every request as it is, and never retries. */
  RequestAuthorizer NONE = (method, uri) -> Authorization.NONE;

  /**
   * What to send with a request of this method ({@code GET}, {@code POST}, …) to this URI. Called
   * just before each send; a scheme whose authorization does not change between calls returns the
   * same instance.
   *
   * @throws dev.lanyard.NoCredentialsException when there is nothing to sign in with (nothing is
   *     sent then)
   * @throws IOException when the credentials cannot be had, e.g. {@link
   *     dev.lanyard.LoginRequiredException}
   */
  Authorization authorize(String method, URI uri) throws IOException;

  /**
   * True when a second attempt with {@link #reauthorize} may get a better answer than this first
   * {@code response} to a request sent with {@code sent}. Runs on the HTTP client's thread as soon
   * as status and headers are in: no I/O, no side effects. Default: never.
   */
  default boolean retryMayHelp(Authorization sent, ResponseHead response) {
    return false;
  }

  /**
   * The authorization for the one retry after {@link #retryMayHelp} said yes; may do I/O, e.g. a
   * refresh. Returning {@code rejected} means a retry cannot help: an integration that still holds
   * the first response returns it. Default: {@link #authorize} again.
   *
   * @throws IOException when no new authorization can be had (the caller gets this error instead of
   *     the response)
   */
  default Authorization reauthorize(
      String method, URI uri, Authorization rejected, ResponseHead response) throws IOException {
    return authorize(method, uri);
  }

  /**
   * {@link #authorize} for an asynchronous call: a future of the same authorization or error.
   * Default: {@link #authorize} on the calling thread. The session authorizers override it so that
   * a call waiting for a refresh holds no thread ({@link TokenSession#tokenAsync()}).
   */
  default CompletableFuture<Authorization> authorizeAsync(String method, URI uri) {
    try {
      return CompletableFuture.completedFuture(authorize(method, uri));
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * {@link #reauthorize} for an asynchronous call. Default: {@link #reauthorize} on the thread that
   * completed the first response; the session authorizers override it so that the refresh holds no
   * thread ({@link TokenSession#forceRefreshAsync(String)}).
   */
  default CompletableFuture<Authorization> reauthorizeAsync(
      String method, URI uri, Authorization rejected, ResponseHead response) {
    try {
      return CompletableFuture.completedFuture(reauthorize(method, uri, rejected, response));
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Sees the response the caller gets, with the authorization its request carried, e.g. to keep a
   * server nonce for the next request. Runs on the HTTP client's thread: no I/O. Default: nothing.
   */
  default void onResponse(Authorization sent, ResponseHead response) {}

  /**
   * The session's access token as {@code Authorization: Bearer <token>}; after a 401 that a new
   * token may cure, one refresh, made only while the rejected token is still the session's current
   * one (else the newer token another caller already obtained).
   *
   * <p>A 401 is a refresh case unless a {@code Bearer} challenge says {@code insufficient_scope} or
   * {@code invalid_request} (RFC 6750 §3.1). While the token is unchanged, {@link #authorize}
   * returns the same {@link Authorization} without allocating.
   *
   * <p>A DPoP-bound token ({@link dev.lanyard.TokenSet#isDpopBound()}, RFC 9449) goes out as {@code
   * Authorization: DPoP <token>} with a fresh {@code DPoP} proof per request; a 401 with {@code
   * DPoP error="use_dpop_nonce"} and a {@code DPoP-Nonce} is retried once with that nonce (no
   * refresh), and each origin's last nonce goes into later proofs.
   */
  static RequestAuthorizer bearer(TokenSession session) {
    return new SessionAuthorizer.Bearer(session);
  }

  /**
   * The bridge to an API that only speaks HTTP Basic: {@code Authorization: Basic base64(login +
   * ":" + accessToken)}, e.g. with login {@link #B_FABRIC_LOGIN}; 401s as {@link #bearer}.
   *
   * @throws IllegalArgumentException when {@code login} is empty or contains {@code ':'}
   */
  static RequestAuthorizer basic(TokenSession session, String login) {
    return new SessionAuthorizer.Basic(session, login);
  }

  /**
   * HTTP Basic with a login and password (RFC 7617), for an API without OAuth. The password comes
   * from a supplier (an environment variable, a secret manager, a prompt), never a constant: it is
   * asked on the first request and again after a 401, and the request is retried once only when the
   * supplier then gives a different one. A supplier that gives none fails the call with {@link
   * dev.lanyard.NoCredentialsException}; nothing is sent.
   *
   * <pre>{@code
   * RequestAuthorizer lims = RequestAuthorizer.basic("ada", () -> System.getenv("LIMS_PASSWORD"));
   * }</pre>
   *
   * @throws IllegalArgumentException when {@code username} is empty or contains {@code ':'} or a
   *     control character
   */
  static RequestAuthorizer basic(String username, Supplier<String> password) {
    return new PasswordAuthorizer(username, password);
  }

  /**
   * The same header on every request, e.g. an API key; no retries. The value may be a secret: it is
   * never shown by {@code toString}.
   */
  static RequestAuthorizer header(String name, String value) {
    Authorization fixed = Authorization.of(Map.of(name, value));
    return (method, uri) -> fixed;
  }
}
