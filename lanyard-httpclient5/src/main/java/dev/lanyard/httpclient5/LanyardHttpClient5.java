package dev.lanyard.httpclient5;

import dev.lanyard.http.RequestAuthorizer;
import dev.lanyard.session.TokenSession;
import java.util.Objects;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Authorizes Apache HttpClient 5 (classic) requests with a Lanyard {@link RequestAuthorizer}, a
 * session's Bearer token by default, through an {@link ExecChainHandler} at the head of the
 * execution chain.
 *
 * <pre>{@code
 * CloseableHttpClient http = LanyardHttpClient5.install(HttpClients.custom(), session).build();
 * String body = http.execute(new HttpGet(api), r -> EntityUtils.toString(r.getEntity()));
 * }</pre>
 *
 * <p>The steps are {@link RequestAuthorizer}'s, shared with the other integrations:
 *
 * <ul>
 *   <li>every request gets the authorizer's headers (replacing its own of the same name) and is
 *       sent to the URI it names; a session without credentials fails at once with {@link
 *       dev.lanyard.NoCredentialsException} and nothing is sent;
 *   <li>on a response the authorizer calls worth a retry (for a session: a 401 that is not {@code
 *       Bearer error="insufficient_scope"} or {@code "invalid_request"}), with no entity or a
 *       {@linkplain org.apache.hc.core5.http.HttpEntity#isRepeatable() repeatable} one, the
 *       authorizer re-authorizes (the session refreshes unless another caller already replaced the
 *       rejected token), the first response is consumed, and the request is sent once more;
 *   <li>at most one retry: a second 401 is returned as it is; a failed refresh throws its error
 *       (e.g. {@link dev.lanyard.LoginRequiredException}).
 * </ul>
 *
 * <p>The handler runs first, before redirects: the header is set once on the request the caller
 * made, and a 401 after redirects retries the whole exchange. For an API that only speaks Basic,
 * pass {@code RequestAuthorizer.basic(session, "__oauth__")}. Give the client no credentials for
 * that host in its {@code CredentialsProvider}: HttpClient would answer the challenge itself.
 */
public final class LanyardHttpClient5 {
  /** The name of the handler in the execution chain. */
  public static final String HANDLER_NAME = "lanyard-authorizer";

  private LanyardHttpClient5() {}

  /**
   * Puts the handler of {@link RequestAuthorizer#bearer(TokenSession)} first in {@code builder}'s
   * execution chain.
   */
  public static HttpClientBuilder install(HttpClientBuilder builder, TokenSession session) {
    return install(builder, RequestAuthorizer.bearer(session));
  }

  /** Puts the handler of {@code authorizer} first in {@code builder}'s execution chain. */
  public static HttpClientBuilder install(HttpClientBuilder builder, RequestAuthorizer authorizer) {
    Objects.requireNonNull(builder, "builder");
    return builder.addExecInterceptorFirst(HANDLER_NAME, execChainHandler(authorizer));
  }

  /** The handler alone, to place in the chain yourself (e.g. {@code addExecInterceptorAfter}). */
  public static ExecChainHandler execChainHandler(RequestAuthorizer authorizer) {
    return new AuthorizingExecChainHandler(authorizer);
  }
}
