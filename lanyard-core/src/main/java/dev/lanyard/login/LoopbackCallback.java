package dev.lanyard.login;

import dev.lanyard.AuthorizationDeniedException;
import dev.lanyard.LoginTimeoutException;
import dev.lanyard.provider.ProviderMetadata;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the requests of one browser sign-in: only a GET of the callback path with the right
 * {@code state} may end it. Anything else (a probe, a favicon, a forged or stale callback) gets an
 * error page and the wait goes on.
 */
final class LoopbackCallback implements LoopbackRun.Callback<LoginResult> {
  private static final Logger log = LoggerFactory.getLogger(LoopbackCallback.class);

  private final LoginConfig config;
  private final ProviderMetadata provider;
  private final PendingLogin pending;
  private final String path;
  private final int port;
  private final String timeoutMessage;
  private final CompletableFuture<LoginResult> result = new CompletableFuture<>();
  private final AtomicBoolean claimed = new AtomicBoolean();

  LoopbackCallback(
      LoginConfig config,
      ProviderMetadata provider,
      PendingLogin pending,
      String path,
      int port,
      String timeoutMessage) {
    this.config = config;
    this.provider = provider;
    this.pending = pending;
    this.path = path;
    this.port = port;
    this.timeoutMessage = timeoutMessage;
  }

  @Override
  public CompletableFuture<LoginResult> result() {
    return result;
  }

  /**
   * The checks every loopback callback makes before its own: a GET, addressed to this server, on
   * the callback path. Empty when the request passes them; else the answer to send.
   */
  static Optional<CallbackServer.Reply> screen(CallbackRequest request, int port, String path) {
    if (!request.method().equals("GET")) {
      return Optional.of(CallbackServer.Reply.of(Page.methodNotAllowed()));
    }
    if (!request.hostIs(port)) {
      // A page on another site that rebinds its DNS name to 127.0.0.1 would send its own Host.
      return Optional.of(CallbackServer.Reply.of(Page.badRequest("Wrong Host header.")));
    }
    if (!request.path().equals(path)) {
      return Optional.of(CallbackServer.Reply.of(Page.notFound()));
    }
    return Optional.empty();
  }

  /** The answer to a query that cannot be parsed (e.g. a parameter given twice). */
  static CallbackServer.Reply malformed(IllegalArgumentException e) {
    return CallbackServer.Reply.of(Page.badRequest("Malformed callback: " + e.getMessage()));
  }

  @Override
  public CallbackServer.Reply handle(CallbackRequest request) {
    Optional<CallbackServer.Reply> refused = screen(request, port, path);
    if (refused.isPresent()) {
      return refused.get();
    }
    Map<String, String> params;
    try {
      params = request.parameters();
    } catch (IllegalArgumentException e) {
      return malformed(e);
    }
    if (!Secrets.equal(params.get("state"), pending.state())) {
      log.warn(
          "refused a sign-in callback with a wrong or missing state (possible CSRF); still"
              + " waiting");
      return CallbackServer.Reply.of(
          Page.badRequest(
              "This sign-in response does not belong to the sign-in that is waiting here"
                  + " (state mismatch), so it was refused. Start the sign-in again if needed."));
    }
    if (result.isDone() || !claimed.compareAndSet(false, true)) {
      return CallbackServer.Reply.of(Page.badRequest("This sign-in has already been completed."));
    }
    return complete(params);
  }

  private CallbackServer.Reply complete(Map<String, String> params) {
    try {
      AuthorizationResponse.checkIssuer(params, provider);
      Optional<AuthorizationDeniedException> denied = AuthorizationResponse.error(params);
      if (denied.isPresent()) {
        AuthorizationDeniedException e = denied.get();
        String description = params.get("error_description");
        return new CallbackServer.Reply(
            Page.refused(e.error(), description == null ? null : Secrets.oneLine(description)),
            () -> result.completeExceptionally(e));
      }
      String code = AuthorizationResponse.code(params);
      LoginResult r = config.redeem(provider, pending, code);
      return new CallbackServer.Reply(Page.success(), () -> result.complete(r));
    } catch (IOException | RuntimeException e) {
      return new CallbackServer.Reply(
          Page.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          () -> result.completeExceptionally(e));
    }
  }

  @Override
  public void expired() {
    result.completeExceptionally(new LoginTimeoutException(timeoutMessage));
  }

  @Override
  public void failed(IOException e) {
    result.completeExceptionally(e);
  }
}
