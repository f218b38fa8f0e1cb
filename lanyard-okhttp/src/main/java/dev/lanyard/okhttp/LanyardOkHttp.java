package dev.lanyard.okhttp;

import dev.lanyard.http.SessionAuthorizer;
import dev.lanyard.session.TokenSession;
import java.util.Objects;
import okhttp3.Authenticator;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * Signs OkHttp requests in with a Lanyard {@link TokenSession}: an application {@link Interceptor}
 * adds {@code Authorization} to every call, and an {@link Authenticator} answers a 401 by
 * refreshing once.
 *
 * <pre>{@code
 * OkHttpClient client = LanyardOkHttp.install(new OkHttpClient.Builder(), session).build();
 * try (Response r = client.newCall(new Request.Builder().url(api).build()).execute()) { ... }
 * }</pre>
 *
 * <p>The rules are {@link SessionAuthorizer}'s, shared with the other integrations:
 *
 * <ul>
 *   <li>a session without credentials fails the call at once with {@link
 *       dev.lanyard.NoCredentialsException}; nothing is sent;
 *   <li>a 401 is answered only when it carried this session's token, is not {@code Bearer
 *       error="insufficient_scope"} or {@code "invalid_request"}, and the body is not {@linkplain
 *       okhttp3.RequestBody#isOneShot() one-shot}: the session refreshes unless another call
 *       already replaced the rejected token, and the request is sent once more;
 *   <li>a call is retried at most once: a second 401 is returned as it is; a failed refresh fails
 *       the call with its error (e.g. {@link dev.lanyard.LoginRequiredException}).
 * </ul>
 *
 * <p>For an API that only speaks Basic, pass {@code SessionAuthorizer.basic(session, "__oauth__")}.
 * Add the interceptor as an application interceptor ({@code addInterceptor}), not a network
 * interceptor: OkHttp then drops the header when a redirect leaves the host, and the authenticator
 * stays away from requests that do not carry the session's token.
 */
public final class LanyardOkHttp {
  private LanyardOkHttp() {}

  /** Adds the Bearer interceptor and authenticator of {@code session} to {@code builder}. */
  public static OkHttpClient.Builder install(OkHttpClient.Builder builder, TokenSession session) {
    return install(builder, SessionAuthorizer.bearer(session));
  }

  /** Adds the interceptor and authenticator of {@code authorizer} to {@code builder}. */
  public static OkHttpClient.Builder install(
      OkHttpClient.Builder builder, SessionAuthorizer authorizer) {
    Objects.requireNonNull(builder, "builder");
    return builder.addInterceptor(interceptor(authorizer)).authenticator(authenticator(authorizer));
  }

  /**
   * The application interceptor alone: adds {@code Authorization} (replacing the request's own),
   * failing fast without credentials.
   */
  public static Interceptor interceptor(SessionAuthorizer authorizer) {
    return new SessionInterceptor(authorizer);
  }

  /** The authenticator alone: one refresh and retry after a 401, never a loop. */
  public static Authenticator authenticator(SessionAuthorizer authorizer) {
    return new SessionAuthenticator(authorizer);
  }
}
