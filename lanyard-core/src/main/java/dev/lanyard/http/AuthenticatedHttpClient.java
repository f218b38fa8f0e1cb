package dev.lanyard.http;

import dev.lanyard.session.TokenSession;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.ResponseInfo;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A {@link HttpClient} decorator that authorizes every request with a {@link RequestAuthorizer}: a
 * session's Bearer token, the Basic bridge, a provider plug-in's request signing.
 *
 * <pre>{@code
 * AuthenticatedHttpClient api = AuthenticatedHttpClient.of(HttpClient.newHttpClient(), session);
 * HttpResponse<String> r = api.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString());
 * }</pre>
 *
 * <p>A decorator with {@code send}/{@code sendAsync} like {@code HttpClient}'s, not a subclass:
 * {@code HttpClient} grows methods in later JDKs ({@code close}, {@code shutdown} in 21) that a
 * subclass built for Java 17 could not forward, and the type says plainly which calls carry the
 * credentials. {@link #httpClient()} is the plain client, for requests that must not.
 *
 * <p>Each request gets the headers of {@link RequestAuthorizer#authorize} (replacing the request's
 * own of the same name) and is sent to the URI it names. A session without credentials fails at
 * once with {@link dev.lanyard.NoCredentialsException}: nothing is sent. On a first response that
 * {@link RequestAuthorizer#retryMayHelp} calls worth a retry (for a session: a 401 that a new token
 * may cure) and a body that can be sent again (every {@code BodyPublisher} but {@code
 * ofInputStream}, {@code fromPublisher} and {@code concat}: the JDK itself re-sends bodies on
 * redirects), that response's body is discarded, {@link RequestAuthorizer#reauthorize} gives the
 * new authorization (the session refreshes unless another caller already replaced the rejected
 * token), and the request is sent once more; whatever that answers, a second 401 included, is
 * returned as it is. When the refresh fails, its error (e.g. {@link
 * dev.lanyard.LoginRequiredException}) is thrown instead of the 401.
 *
 * <p>Do not give the wrapped client a {@link java.net.Authenticator}: it would answer the 401s
 * first. The credentials go to every host this client is asked to call; use one client per API.
 */
public final class AuthenticatedHttpClient {
  private final HttpClient delegate;
  private final RequestAuthorizer authorizer;

  private AuthenticatedHttpClient(HttpClient delegate, RequestAuthorizer authorizer) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
  }

  /** Sends the session's token as a Bearer token: {@link RequestAuthorizer#bearer}. */
  public static AuthenticatedHttpClient of(HttpClient delegate, TokenSession session) {
    return new AuthenticatedHttpClient(delegate, RequestAuthorizer.bearer(session));
  }

  /**
   * Sends what {@code authorizer} says, e.g. {@link RequestAuthorizer#basic(TokenSession, String)}
   * for an API that only speaks Basic.
   */
  public static AuthenticatedHttpClient of(HttpClient delegate, RequestAuthorizer authorizer) {
    return new AuthenticatedHttpClient(delegate, authorizer);
  }

  /** The wrapped client, which sends requests as they are. */
  public HttpClient httpClient() {
    return delegate;
  }

  /** What authorizes this client's requests. */
  public RequestAuthorizer authorizer() {
    return authorizer;
  }

  /**
   * Sends {@code request} authorized, as {@link HttpClient#send} does.
   *
   * @throws dev.lanyard.NoCredentialsException when the session has nothing to sign in with
   */
  public <T> HttpResponse<T> send(HttpRequest request, BodyHandler<T> handler)
      throws IOException, InterruptedException {
    Objects.requireNonNull(handler, "handler");
    Authorization sent = authorizer.authorize(request.method(), request.uri());
    FirstAttempt<T> first = new FirstAttempt<>(authorizer, sent, handler, replayable(request));
    HttpResponse<T> response = delegate.send(authorized(request, sent), first);
    ResponseHead rejection = first.rejection;
    if (rejection == null) {
      return response;
    }
    Authorization next = authorizer.reauthorize(request.method(), request.uri(), sent, rejection);
    return delegate.send(authorized(request, next), observed(next, handler));
  }

  /**
   * Sends {@code request} authorized, as {@link HttpClient#sendAsync(HttpRequest, BodyHandler)}
   * does. No thread waits for Lanyard: when the token must be refreshed first, or after a 401, the
   * send continues when the refresh completes ({@link RequestAuthorizer#authorizeAsync}). A session
   * without credentials gives a future that fails with {@link dev.lanyard.NoCredentialsException}
   * before anything is sent.
   */
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, BodyHandler<T> handler) {
    Objects.requireNonNull(handler, "handler");
    boolean replayable = replayable(request);
    return authorizer
        .authorizeAsync(request.method(), request.uri())
        .thenCompose(sent -> sendAsync(request, handler, sent, replayable));
  }

  private <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, BodyHandler<T> handler, Authorization sent, boolean replayable) {
    FirstAttempt<T> first = new FirstAttempt<>(authorizer, sent, handler, replayable);
    return delegate
        .sendAsync(authorized(request, sent), first)
        .thenCompose(
            response -> {
              ResponseHead rejection = first.rejection;
              if (rejection == null) {
                return CompletableFuture.completedFuture(response);
              }
              return authorizer
                  .reauthorizeAsync(request.method(), request.uri(), sent, rejection)
                  .thenCompose(
                      next ->
                          delegate.sendAsync(authorized(request, next), observed(next, handler)));
            });
  }

  private static boolean replayable(HttpRequest request) {
    return ReplayableBodies.replayable(request);
  }

  private static HttpRequest authorized(HttpRequest request, Authorization authorization) {
    Map<String, String> headers = authorization.headers();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(request, (name, value) -> !containsIgnoreCase(headers, name))
            .uri(authorization.uriFor(request.uri()));
    headers.forEach(b::setHeader);
    return b.build();
  }

  private static boolean containsIgnoreCase(Map<String, String> headers, String name) {
    for (String h : headers.keySet()) {
      if (h.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /** The caller's handler, after the authorizer has seen the response. */
  private <T> BodyHandler<T> observed(Authorization sent, BodyHandler<T> handler) {
    return info -> {
      authorizer.onResponse(sent, head(info));
      return handler.apply(info);
    };
  }

  private static ResponseHead head(ResponseInfo info) {
    return new ResponseHead() {
      @Override
      public int status() {
        return info.statusCode();
      }

      @Override
      public List<String> headers(String name) {
        return info.headers().allValues(name);
      }
    };
  }

  @Override
  public String toString() {
    return "AuthenticatedHttpClient{" + authorizer + '}';
  }

  /**
   * The first attempt's body handler: a response worth a retry has its body discarded (the caller
   * gets the retry's response instead); everything else goes to the caller's handler.
   */
  private static final class FirstAttempt<T> implements BodyHandler<T> {
    private final RequestAuthorizer authorizer;
    private final Authorization sent;
    private final BodyHandler<T> handler;
    private final boolean replayable;
    volatile @Nullable ResponseHead rejection;

    FirstAttempt(
        RequestAuthorizer authorizer,
        Authorization sent,
        BodyHandler<T> handler,
        boolean replayable) {
      this.authorizer = authorizer;
      this.sent = sent;
      this.handler = handler;
      this.replayable = replayable;
    }

    @Override
    public BodySubscriber<T> apply(ResponseInfo info) {
      ResponseHead head = head(info);
      if (replayable && authorizer.retryMayHelp(sent, head)) {
        rejection = head;
        return BodySubscribers.replacing(null);
      }
      authorizer.onResponse(sent, head);
      return handler.apply(info);
    }
  }
}
