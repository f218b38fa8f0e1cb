package dev.lanyard.session;

import dev.lanyard.TokenSet;

/**
 * Told about every new token set a session adopts (a refresh, a rotation, a re-grant, or tokens
 * another process stored) and about every refresh that failed. Called on the thread that ran the
 * refresh, before waiting callers are woken; must be quick and must not call back into the
 * session's blocking methods. A listener that throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface TokenListener {
  /** Does nothing. */
  TokenListener NONE = tokens -> {};

  /** The session now hands out {@code tokens}. */
  void onTokens(TokenSet tokens);

  /**
   * A refresh failed with {@code error}, the exception its waiting callers get (usually one of
   * {@link dev.lanyard.LanyardException}'s kinds). {@code background} is true for a refresh-ahead
   * that nobody waited for: the session keeps handing out its still-valid tokens and tries again
   * after a pause ({@link TokenSession.Builder#refreshAheadRetry}). Does nothing by default.
   */
  default void onRefreshFailed(Exception error, boolean background) {}
}
