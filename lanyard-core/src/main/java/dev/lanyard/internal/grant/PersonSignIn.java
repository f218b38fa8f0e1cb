package dev.lanyard.internal.grant;

import dev.lanyard.LoginRequiredException;
import dev.lanyard.TokenSet;
import java.io.IOException;

/**
 * A session's last resort: a person signs in again when neither the refresh token nor the grant can
 * renew the tokens. Not public API: the interactive session in {@code dev.lanyard.login} hands one
 * to its {@code TokenSession} as the token store it is built with (a store that implements this),
 * which keeps {@code dev.lanyard.session} free of any dependency on login.
 *
 * <p>The session calls it outside the store's exclusive section (a person may take minutes, and a
 * cross-process lock must not be held that long), on the thread of its one renewal in flight, so
 * calls never overlap for one session; it saves what comes back in the section afterwards.
 */
@FunctionalInterface
public interface PersonSignIn {

  /**
   * Tokens from the person, checked to be the expected identity; or throws: {@code reason} itself
   * (or another {@link LoginRequiredException}) when the person is not to be asked now, {@link
   * dev.lanyard.LoginTimeoutException}, {@link dev.lanyard.IdentityMismatchException}, ...
   *
   * @param reason why nothing else can renew the tokens, for the person and for any hook
   */
  TokenSet signIn(LoginRequiredException reason) throws IOException;
}
