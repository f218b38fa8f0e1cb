package dev.lanyard.login;

import dev.lanyard.TokenSet;
import dev.lanyard.verify.Identity;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a sign-in: the tokens, and who signed in according to the verified ID token.
 * {@link #toString()} never shows a token.
 */
public final class LoginResult {
  private final TokenSet tokens;
  private final @Nullable Identity identity;

  LoginResult(TokenSet tokens, @Nullable Identity identity) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.identity = identity;
  }

  /** The tokens, ready to hand to a token store or session. */
  public TokenSet tokens() {
    return tokens;
  }

  /** Who signed in, from the verified ID token; empty when the provider sent none. */
  public Optional<Identity> identity() {
    return Optional.ofNullable(identity);
  }

  @Override
  public String toString() {
    return "LoginResult{tokens="
        + tokens
        + ", identity="
        + (identity != null ? identity : "none")
        + '}';
  }
}
