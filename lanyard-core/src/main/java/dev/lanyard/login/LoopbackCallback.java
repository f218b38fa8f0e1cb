package dev.lanyard.login;

import dev.lanyard.AuthorizationDeniedException;
import dev.lanyard.internal.loopback.CallbackServer.Reply;
import dev.lanyard.internal.loopback.Page;
import dev.lanyard.internal.loopback.SignInCallback;
import dev.lanyard.internal.oauth.AuthorizationResponse;
import dev.lanyard.internal.oauth.Secrets;
import dev.lanyard.provider.ProviderMetadata;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the requests of one browser sign-in: only a callback with the right {@code state} may end
 * it. A forged or stale callback gets an error page and the wait goes on.
 */
final class LoopbackCallback extends SignInCallback<LoginResult> {
  private static final Logger log = LoggerFactory.getLogger(LoopbackCallback.class);

  private final LoginConfig config;
  private final ProviderMetadata provider;
  private final PendingLogin pending;
  private final AtomicBoolean claimed = new AtomicBoolean();

  LoopbackCallback(
      LoginConfig config,
      ProviderMetadata provider,
      PendingLogin pending,
      String path,
      int port,
      String timeoutMessage) {
    super(path, port, timeoutMessage);
    this.config = config;
    this.provider = provider;
    this.pending = pending;
  }

  @Override
  protected Reply answer(Map<String, String> params) {
    if (!Secrets.equal(params.get("state"), pending.state())) {
      log.warn(
          "refused a sign-in callback with a wrong or missing state (possible CSRF); still"
              + " waiting");
      return Reply.of(
          Page.badRequest(
              "This sign-in response does not belong to the sign-in that is waiting here"
                  + " (state mismatch), so it was refused. Start the sign-in again if needed."));
    }
    if (result().isDone() || !claimed.compareAndSet(false, true)) {
      return alreadyCompleted();
    }
    return complete(params);
  }

  private Reply complete(Map<String, String> params) {
    try {
      AuthorizationResponse.checkIssuer(params, provider);
      Optional<AuthorizationDeniedException> denied = AuthorizationResponse.error(params);
      if (denied.isPresent()) {
        AuthorizationDeniedException e = denied.get();
        String description = params.get("error_description");
        return failing(
            Page.refused(e.error(), description == null ? null : Secrets.oneLine(description)), e);
      }
      String code = AuthorizationResponse.code(params);
      return completing(Page.success(), config.redeem(provider, pending, code));
    } catch (IOException | RuntimeException e) {
      return failing(
          Page.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }
  }
}
