package dev.lanyard.internal.grant;

import dev.lanyard.TokenSet;

/** What a session does with token sets beyond reading them: merging a refresh, comparing. */
public final class TokenSets {
  private TokenSets() {}

  /**
   * The result of a refresh: {@code fresh}, keeping {@code old}'s refresh token (with its expiry)
   * and ID token when the provider did not send new ones.
   */
  public static TokenSet mergeRefreshed(TokenSet old, TokenSet fresh) {
    boolean keepRefresh = fresh.refreshToken().isEmpty();
    boolean keepId = fresh.idToken().isEmpty() && old.idToken().isPresent();
    if (!keepRefresh && !keepId) {
      return fresh;
    }
    TokenSet.Builder b = fresh.newBuilder();
    if (keepRefresh) {
      b.noRefreshToken();
      old.refreshToken().ifPresent(b::refreshToken);
      old.refreshExpiresAt().ifPresent(b::refreshExpiresAt);
    }
    if (keepId) {
      old.idToken().ifPresent(b::idToken);
    }
    return b.build();
  }

  /** True when both hold the same access and refresh tokens (times may differ). */
  public static boolean sameTokens(TokenSet a, TokenSet b) {
    return a.accessToken().equals(b.accessToken()) && a.refreshToken().equals(b.refreshToken());
  }
}
