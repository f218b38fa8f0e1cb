package dev.lanyard.internal.provider;

import dev.lanyard.internal.loopback.CallbackServer.Reply;
import dev.lanyard.internal.loopback.Page;
import dev.lanyard.internal.loopback.SignInCallback;
import dev.lanyard.internal.oauth.Secrets;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the requests of one provider sign-in on the loopback server: the provider reads the
 * query; an incomplete one gets 400 and the wait goes on, a refusal ends the sign-in with the
 * provider's error, an accepted one is redeemed once.
 */
final class ProviderCallback<T> extends SignInCallback<T> {
  private static final Logger log = LoggerFactory.getLogger(ProviderCallback.class);

  private final CallbackProvider provider;
  private final Redeemer<T> redeemer;
  private final AtomicBoolean claimed = new AtomicBoolean();

  ProviderCallback(
      CallbackProvider provider,
      Redeemer<T> redeemer,
      String path,
      int port,
      String timeoutMessage) {
    super(path, port, timeoutMessage);
    this.provider = provider;
    this.redeemer = redeemer;
  }

  @Override
  protected Reply answer(Map<String, String> params) {
    if (result().isDone()) {
      return alreadyCompleted();
    }
    CallbackResponse response = provider.read(params);
    if (response instanceof CallbackResponse.Incomplete incomplete) {
      String reason = Secrets.oneLine(incomplete.reason());
      log.info(
          "refused an incomplete {} sign-in callback ({}); still waiting", provider.id(), reason);
      return Reply.of(
          Page.badRequest(
              "This is not a complete sign-in response (" + reason + "); still waiting for one."));
    }
    if (!claimed.compareAndSet(false, true)) {
      return alreadyCompleted();
    }
    if (response instanceof CallbackResponse.Denied denied) {
      IOException e = denied.error();
      return failing(Page.refused(provider.id(), message(e)), e);
    }
    return redeem((CallbackResponse.Accepted) response);
  }

  private Reply redeem(CallbackResponse.Accepted accepted) {
    try {
      return completing(Page.success(), redeemer.redeem(accepted));
    } catch (IOException | RuntimeException e) {
      return failing(Page.failed(message(e)), e);
    }
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : Secrets.oneLine(e.getMessage());
  }
}
