package dev.lanyard.internal.loopback;

import dev.lanyard.LoginTimeoutException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Answers the requests of one sign-in on the loopback server and completes its result. The checks
 * every callback makes come first: a GET, addressed to this server (not through a rebound DNS
 * name), on the callback path, with a query that parses. Anything else (a probe, a favicon, a
 * forged request) gets an error page and the wait goes on; what a passing query means is up to
 * {@link #answer(Map)}.
 *
 * @param <T> what a completed sign-in yields
 */
public abstract class SignInCallback<T> implements CallbackServer.Handler {
  private final String path;
  private final int port;
  private final String timeoutMessage;
  private final CompletableFuture<T> result = new CompletableFuture<>();

  /**
   * @param path the callback path
   * @param port the bound port, which the {@code Host} header must name
   * @param timeoutMessage the message of the {@link LoginTimeoutException} at the deadline
   */
  protected SignInCallback(String path, int port, String timeoutMessage) {
    this.path = path;
    this.port = port;
    this.timeoutMessage = timeoutMessage;
  }

  /** The sign-in's outcome; completed once. */
  public final CompletableFuture<T> result() {
    return result;
  }

  @Override
  public final CallbackServer.Reply handle(CallbackRequest request) {
    if (!request.method().equals("GET")) {
      return CallbackServer.Reply.of(Page.methodNotAllowed());
    }
    if (!request.hostIs(port)) {
      // A page on another site that rebinds its DNS name to 127.0.0.1 would send its own Host.
      return CallbackServer.Reply.of(Page.badRequest("Wrong Host header."));
    }
    if (!request.path().equals(path)) {
      return CallbackServer.Reply.of(Page.notFound());
    }
    Map<String, String> params;
    try {
      params = request.parameters();
    } catch (IllegalArgumentException e) {
      return CallbackServer.Reply.of(Page.badRequest("Malformed callback: " + e.getMessage()));
    }
    return answer(params);
  }

  /** The answer to a GET of the callback path with these query parameters. */
  protected abstract CallbackServer.Reply answer(Map<String, String> params);

  /** A page that says the sign-in is already complete. */
  protected static CallbackServer.Reply alreadyCompleted() {
    return CallbackServer.Reply.of(Page.badRequest("This sign-in has already been completed."));
  }

  /** A page, after which the sign-in ends with {@code value}. */
  protected final CallbackServer.Reply completing(Page page, T value) {
    return new CallbackServer.Reply(page, () -> result.complete(value));
  }

  /** A page, after which the sign-in ends with {@code error}. */
  protected final CallbackServer.Reply failing(Page page, Exception error) {
    return new CallbackServer.Reply(page, () -> result.completeExceptionally(error));
  }

  @Override
  public final void expired() {
    result.completeExceptionally(new LoginTimeoutException(timeoutMessage));
  }

  @Override
  public final void failed(IOException e) {
    result.completeExceptionally(e);
  }
}
