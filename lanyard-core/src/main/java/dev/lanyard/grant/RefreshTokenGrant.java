package dev.lanyard.grant;

import dev.lanyard.Scope;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A refresh token obtained elsewhere (RFC 6749 §6): good until it dies, then a person must sign in
 * again.
 */
public final class RefreshTokenGrant implements Grant {
  private final Supplier<String> refreshToken;
  private final Scope scope;

  RefreshTokenGrant(Supplier<String> refreshToken, Scope scope) {
    this.refreshToken = Objects.requireNonNull(refreshToken, "refreshToken");
    this.scope = Objects.requireNonNull(scope, "scope");
  }

  /** This grant asking for a narrower scope than originally granted. */
  public RefreshTokenGrant withScope(Scope scope) {
    return new RefreshTokenGrant(refreshToken, scope);
  }

  /** The refresh token, asked only when a token request is sent. */
  public Supplier<String> refreshToken() {
    return refreshToken;
  }

  /** The scope asked for; empty keeps the originally granted one. */
  public Scope scope() {
    return scope;
  }

  /** Always false: once the token dies, nothing here can sign in again. */
  @Override
  public boolean canReauthenticate() {
    return false;
  }

  @Override
  public String toString() {
    return "RefreshToken{refreshToken=[redacted], scope=" + scope + '}';
  }
}
