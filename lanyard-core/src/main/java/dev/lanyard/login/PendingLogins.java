package dev.lanyard.login;

import dev.lanyard.InvalidTokenException;
import dev.lanyard.internal.http.Endpoints;
import dev.lanyard.transport.Transport;
import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The pending-login mechanics both web logins share: the callback URL they accept, and a state
 * taken from the store once, refused when unknown, reused or expired.
 */
final class PendingLogins {
  private PendingLogins() {}

  /** Fails unless {@code callbackUrl} is absolute, has a host and no fragment, and is secure. */
  static void checkCallbackUrl(URI callbackUrl, Transport transport) {
    Objects.requireNonNull(callbackUrl, "callbackUrl");
    if (!callbackUrl.isAbsolute()
        || callbackUrl.getHost() == null
        || callbackUrl.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "callbackUrl must be an absolute URL with a host and no fragment, was " + callbackUrl);
    }
    Endpoints.requireSecure(transport, callbackUrl, "the callback URL");
  }

  /** When a sign-in started now must have ended. */
  static Instant expiry(PendingLoginStore store, InstantSource clock) {
    return clock.instant().plus(store.lifetime());
  }

  /** Takes the pending login of {@code state}: once, and only before it expires. */
  static PendingLogin take(
      PendingLoginStore store, @Nullable String state, String parameter, InstantSource clock)
      throws InvalidTokenException {
    if (state == null || state.isEmpty()) {
      throw new InvalidTokenException("the callback has no " + parameter + " parameter; refused");
    }
    Optional<PendingLogin> found = store.take(state);
    if (found.isEmpty()) {
      throw new InvalidTokenException(
          "unknown or already used sign-in state; refused (start the sign-in again)");
    }
    PendingLogin pending = found.get();
    if (!clock.instant().isBefore(pending.expiresAt())) {
      throw new InvalidTokenException(
          "the sign-in expired at " + pending.expiresAt() + "; refused (start the sign-in again)");
    }
    return pending;
  }
}
