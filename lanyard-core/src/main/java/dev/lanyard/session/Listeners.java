package dev.lanyard.session;

import dev.lanyard.TokenSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A session's listeners, told in order; one that throws does not keep the others from hearing. */
final class Listeners {
  private static final Logger log = LoggerFactory.getLogger(TokenSession.class);

  private final List<TokenListener> listeners;

  Listeners(List<TokenListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  void tokens(TokenSet tokens) {
    for (TokenListener listener : listeners) {
      try {
        listener.onTokens(tokens);
      } catch (RuntimeException e) {
        failed(listener, e);
      }
    }
  }

  void refreshFailed(Exception error, boolean background) {
    for (TokenListener listener : listeners) {
      try {
        listener.onRefreshFailed(error, background);
      } catch (RuntimeException e) {
        failed(listener, e);
      }
    }
  }

  private static void failed(TokenListener listener, RuntimeException e) {
    log.warn("token listener {} failed: {}", listener.getClass().getName(), e.toString());
  }
}
