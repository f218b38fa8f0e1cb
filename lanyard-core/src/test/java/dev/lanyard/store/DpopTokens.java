package dev.lanyard.store;

import dev.lanyard.DpopKey;
import dev.lanyard.TokenSet;
import java.time.Instant;

/** A DPoP-bound token set for the store tests of every module (RFC 9449: its key must be kept). */
public final class DpopTokens {
  private DpopTokens() {}

  /**
   * Access token {@code accessToken}, type DPoP, a refresh token, fixed times, bound to {@code
   * key}.
   */
  public static TokenSet bound(DpopKey key, String accessToken) {
    return TokenSet.builder(accessToken)
        .tokenType("DPoP")
        .refreshToken("rt")
        .issuedAt(Instant.parse("2025-01-01T10:00:00Z"))
        .expiresAt(Instant.parse("2025-01-01T10:05:00Z"))
        .dpopKey(key)
        .build();
  }
}
