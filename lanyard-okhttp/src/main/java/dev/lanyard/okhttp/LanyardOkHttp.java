package dev.lanyard.okhttp;

import dev.lanyard.http.RequestAuthorizer;
import dev.lanyard.session.TokenSession;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Authorizes OkHttp calls with a Lanyard {@link RequestAuthorizer}, a session's Bearer token by
 * default, through one application {@link Interceptor}.
 *
 * <pre>{@code
 * OkHttpClient client = LanyardOkHttp.install(new OkHttpClient.Builder(), session).build();
 * try (Response r = client.newCall(new Request.Builder().url(api).build()).execute()) { ... }
 * }</pre>
 *
 * <p>The steps are {@link RequestAuthorizer}'s, shared with the other integrations:
 *
 * <ul>
 *   <li>every request gets the authorizer's headers (replacing its own of the same name) and is
 *       sent to the URI it names; a session without credentials fails the call at once with {@link
 *       dev.lanyard.NoCredentialsException}, and nothing is sent;
 *   <li>a response the authorizer calls worth a retry (for a session: a 401 that is not {@code
 *       Bearer error="insufficient_scope"} or {@code "invalid_request"}) is closed and the request
 *       sent once more, re-authorized (the session refreshes unless another call already replaced
 *       the rejected token), when the body is not {@linkplain okhttp3.RequestBody#isOneShot()
 *       one-shot} and the request that got the answer still carried the credentials;
 *   <li>a call is retried at most once: a second 401 is returned as it is; a failed refresh fails
 *       the call with its error (e.g. {@link dev.lanyard.LoginRequiredException}).
 * </ul>
 *
 * <p>An application interceptor ({@code addInterceptor}), not a network interceptor: OkHttp then
 * drops {@code Authorization} when a redirect leaves the host, and the retry repeats the whole
 * call, redirects included. OkHttp's own {@code authenticator} stays free (e.g. for a proxy); give
 * it nothing that answers this API's 401s.
 */
public final class LanyardOkHttp {
  private LanyardOkHttp() {}

  /** Adds the interceptor of {@link RequestAuthorizer#bearer(TokenSession)} to {@code builder}. */
  public static OkHttpClient.Builder install(OkHttpClient.Builder builder, TokenSession session) {
    return install(builder, RequestAuthorizer.bearer(session));
  }

  /** Adds the interceptor of {@code authorizer} to {@code builder}. */
  public static OkHttpClient.Builder install(
      OkHttpClient.Builder builder, RequestAuthorizer authorizer) {
    Objects.requireNonNull(builder, "builder");
    return builder.addInterceptor(interceptor(authorizer));
  }

  /**
   * Sends {@code request} asynchronously through {@code client} (built with {@link #install}) while
   * no thread waits for Lanyard: when the token must be refreshed first, or after a 401, the call
   * is enqueued when the refresh completes. With {@code client.newCall(request).enqueue(...)} the
   * same rules apply, but a refresh holds one of OkHttp's dispatcher threads while it runs. The
   * caller closes the response.
   *
   * @throws IllegalArgumentException when {@code client} has no Lanyard interceptor
   */
  public static CompletableFuture<Response> callAsync(OkHttpClient client, Request request) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(request, "request");
    return AsyncCalls.call(client, request);
  }

  /** The application interceptor alone, to place among others yourself. */
  public static Interceptor interceptor(RequestAuthorizer authorizer) {
    return new AuthorizingInterceptor(authorizer);
  }
}
