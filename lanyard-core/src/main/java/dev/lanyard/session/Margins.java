package dev.lanyard.session;

import dev.lanyard.TokenSet;
import java.time.Duration;

/**
 * When a session's tokens count as expired ({@code skew} before the provider says) and when a
 * background refresh starts ({@code refreshAhead} before that): fixed when the session is built.
 */
record Margins(Duration skew, Duration refreshAhead) {
  State state(TokenSet tokens, long generation) {
    return State.of(tokens, skew, refreshAhead, generation);
  }
}
