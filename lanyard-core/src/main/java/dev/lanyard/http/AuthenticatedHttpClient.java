package dev.lanyard.http;

import dev.lanyard.session.TokenSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.ResponseInfo;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A {@link HttpClient} decorator that signs every request in with a {@link TokenSession}.
 *
 * <pre>{@code
 * AuthenticatedHttpClient api = AuthenticatedHttpClient.of(HttpClient.newHttpClient(), session);
 * HttpResponse<String> r = api.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString());
 * }</pre>
 *
 * <p>A decorator with {@code send}/{@code sendAsync} like {@code HttpClient}'s, not a subclass:
 * {@code HttpClient} grows methods in later JDKs ({@code close}, {@code shutdown} in 21) that a
 * subclass built for Java 17 could not forward, and the type says plainly which calls carry the
 * token. {@link #httpClient()} is the plain client, for requests that must not.
 *
 * <p>Each request gets {@code Authorization} from the {@link SessionAuthorizer} (replacing one the
 * request had). A session without credentials fails at once with {@link
 * dev.lanyard.NoCredentialsException}: nothing is sent. On a 401 that a new token may cure (see
 * {@link SessionAuthorizer#isRefreshCase}) and a body that can be sent again (every {@code
 * BodyPublisher} but {@code ofInputStream}, {@code fromPublisher} and {@code concat}: the JDK
 * itself re-sends bodies on redirects), the 401's body is discarded, the session refreshes unless
 * another caller already replaced the rejected token, and the request is sent once more; whatever
 * that answers, a second 401 included, is returned as it is. When the refresh fails, its error
 * (e.g. {@link dev.lanyard.LoginRequiredException}) is thrown instead of the 401.
 *
 * <p>Do not give the wrapped client a {@link java.net.Authenticator}: it would answer the 401s
 * first. The token goes to every host this client is asked to call; use one client per API.
 */
public final class AuthenticatedHttpClient {
  private final HttpClient delegate;
  private final SessionAuthorizer authorizer;

  private AuthenticatedHttpClient(HttpClient delegate, SessionAuthorizer authorizer) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
  }

  /** Sends the session's token as a Bearer token. */
  public static AuthenticatedHttpClient of(HttpClient delegate, TokenSession session) {
    return new AuthenticatedHttpClient(delegate, SessionAuthorizer.bearer(session));
  }

  /**
   * Sends what {@code authorizer} says, e.g. {@link SessionAuthorizer#basic(TokenSession, String)}
   * for an API that only speaks Basic.
   */
  public static AuthenticatedHttpClient of(HttpClient delegate, SessionAuthorizer authorizer) {
    return new AuthenticatedHttpClient(delegate, authorizer);
  }

  /** The wrapped client, which sends requests as they are. */
  public HttpClient httpClient() {
    return delegate;
  }

  public SessionAuthorizer authorizer() {
    return authorizer;
  }

  /**
   * Sends {@code request} with the session's token, as {@link HttpClient#send} does.
   *
   * @throws dev.lanyard.NoCredentialsException when the session has nothing to sign in with
   */
  public <T> HttpResponse<T> send(HttpRequest request, BodyHandler<T> handler)
      throws IOException, InterruptedException {
    Objects.requireNonNull(handler, "handler");
    AuthorizationHeader sent = authorizer.authorize();
    FirstAttempt<T> first = new FirstAttempt<>(handler, ReplayableBodies.replayable(request));
    HttpResponse<T> response = delegate.send(signed(request, sent), first);
    if (!first.retry) {
      return response;
    }
    return delegate.send(signed(request, authorizer.reauthorize(sent)), handler);
  }

  /**
   * Sends {@code request} with the session's token, as {@link HttpClient#sendAsync(HttpRequest,
   * BodyHandler)} does. A session without credentials gives a future that has already failed with
   * {@link dev.lanyard.NoCredentialsException}. The calling thread gets the token, so it waits when
   * the token is expired (refresh-ahead makes that rare); the refresh after a 401 runs on a Lanyard
   * thread.
   */
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, BodyHandler<T> handler) {
    Objects.requireNonNull(handler, "handler");
    AuthorizationHeader sent;
    try {
      sent = authorizer.authorize();
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    FirstAttempt<T> first = new FirstAttempt<>(handler, ReplayableBodies.replayable(request));
    return delegate
        .sendAsync(signed(request, sent), first)
        .thenCompose(
            response -> {
              if (!first.retry) {
                return CompletableFuture.completedFuture(response);
              }
              return CompletableFuture.supplyAsync(() -> reauthorize(sent), RefreshPool.EXECUTOR)
                  .thenCompose(next -> delegate.sendAsync(signed(request, next), handler));
            });
  }

  private AuthorizationHeader reauthorize(AuthorizationHeader sent) {
    try {
      return authorizer.reauthorize(sent);
    } catch (IOException e) {
      // Unwrapped again by CompletableFuture.get(): callers see the IOException as the cause.
      throw new CompletionException(e);
    } catch (UncheckedIOException e) {
      throw new CompletionException(e.getCause());
    }
  }

  private static HttpRequest signed(HttpRequest request, AuthorizationHeader header) {
    return HttpRequest.newBuilder(request, (name, value) -> !isAuthorization(name))
        .header(AuthorizationHeader.NAME, header.value())
        .build();
  }

  private static boolean isAuthorization(String headerName) {
    return headerName.equalsIgnoreCase(AuthorizationHeader.NAME);
  }

  @Override
  public String toString() {
    return "AuthenticatedHttpClient{" + authorizer + '}';
  }

  /**
   * The first attempt's body handler: a 401 worth a retry has its body discarded (the caller gets
   * the retry's response instead); everything else goes to the caller's handler.
   */
  private static final class FirstAttempt<T> implements BodyHandler<T> {
    private final BodyHandler<T> handler;
    private final boolean replayable;
    volatile boolean retry;

    FirstAttempt(BodyHandler<T> handler, boolean replayable) {
      this.handler = handler;
      this.replayable = replayable;
    }

    @Override
    public BodySubscriber<T> apply(ResponseInfo info) {
      if (replayable
          && SessionAuthorizer.isRefreshCase(
              info.statusCode(), info.headers().allValues("WWW-Authenticate"))) {
        retry = true;
        return BodySubscribers.replacing(null);
      }
      return handler.apply(info);
    }
  }

  /** Daemon threads for refreshes after a 401 in {@code sendAsync}: never the HTTP threads. */
  private static final class RefreshPool {
    static final Executor EXECUTOR = newPool();

    private static ExecutorService newPool() {
      return Executors.newCachedThreadPool(
          runnable -> {
            Thread t = new Thread(runnable, "lanyard-http-refresh");
            t.setDaemon(true);
            return t;
          });
    }
  }
}
