package dev.lanyard.login;

import dev.lanyard.LoginTimeoutException;
import dev.lanyard.login.provider.CallbackProvider;
import dev.lanyard.login.provider.CallbackResponse;
import dev.lanyard.login.provider.Credentials;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the requests of one provider sign-in on the loopback server. The shared checks come first
 * (GET, Host, path); then the provider reads the query: an incomplete one gets 400 and the wait
 * goes on, a refusal ends the sign-in with the provider's error, an accepted one is redeemed once.
 */
final class ProviderCallback implements LoopbackRun.Callback<Credentials> {
  private static final Logger log = LoggerFactory.getLogger(ProviderCallback.class);

  private final CallbackProvider provider;
  private final String path;
  private final int port;
  private final String timeoutMessage;
  private final CompletableFuture<Credentials> result = new CompletableFuture<>();
  private final AtomicBoolean claimed = new AtomicBoolean();

  ProviderCallback(CallbackProvider provider, String path, int port, String timeoutMessage) {
    this.provider = provider;
    this.path = path;
    this.port = port;
    this.timeoutMessage = timeoutMessage;
  }

  @Override
  public CompletableFuture<Credentials> result() {
    return result;
  }

  @Override
  public CallbackServer.Reply handle(CallbackRequest request) {
    Optional<CallbackServer.Reply> refused = LoopbackCallback.screen(request, port, path);
    if (refused.isPresent()) {
      return refused.get();
    }
    Map<String, String> params;
    try {
      params = request.parameters();
    } catch (IllegalArgumentException e) {
      return LoopbackCallback.malformed(e);
    }
    if (result.isDone()) {
      return CallbackServer.Reply.of(Page.badRequest("This sign-in has already been completed."));
    }
    CallbackResponse response = provider.read(params);
    if (response instanceof CallbackResponse.Incomplete incomplete) {
      String reason = Secrets.oneLine(incomplete.reason());
      log.info(
          "refused an incomplete {} sign-in callback ({}); still waiting", provider.id(), reason);
      return CallbackServer.Reply.of(
          Page.badRequest(
              "This is not a complete sign-in response (" + reason + "); still waiting for one."));
    }
    if (!claimed.compareAndSet(false, true)) {
      return CallbackServer.Reply.of(Page.badRequest("This sign-in has already been completed."));
    }
    if (response instanceof CallbackResponse.Denied denied) {
      IOException e = denied.error();
      return new CallbackServer.Reply(
          Page.refused(provider.id(), message(e)), () -> result.completeExceptionally(e));
    }
    return redeem((CallbackResponse.Accepted) response);
  }

  private CallbackServer.Reply redeem(CallbackResponse.Accepted accepted) {
    try {
      Credentials c = provider.redeem(accepted);
      if (!c.provider().equals(provider.id())) {
        throw new IllegalStateException(
            provider.id() + " redeemed a callback into " + c.provider() + " credentials");
      }
      return new CallbackServer.Reply(Page.success(), () -> result.complete(c));
    } catch (IOException | RuntimeException e) {
      return new CallbackServer.Reply(
          Page.failed(message(e)), () -> result.completeExceptionally(e));
    }
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : Secrets.oneLine(e.getMessage());
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
