package dev.lanyard.session;

import dev.lanyard.TokenSet;

/**
 * Told about every new token set a session adopts: a refresh, a rotation, a re-grant, or tokens
 * another process stored. Called on the thread that obtained them; must be quick and must not call
 * back into the session's blocking methods.
 */
@FunctionalInterface
public interface TokenListener {
  /** Does nothing. */
  TokenListener NONE = tokens -> {};

  void onTokens(TokenSet tokens);
}
