package dev.lanyard.internal.http;

import dev.lanyard.ProviderErrorException;
import dev.lanyard.TokenSet;

/** What a token endpoint answered: tokens, or an OAuth error. */
public sealed interface TokenResponse {

  /** Tokens were issued. */
  record Success(TokenSet tokens) implements TokenResponse {}

  /** The provider refused with an OAuth error (e.g. {@code authorization_pending}). */
  record Failure(ProviderErrorException error) implements TokenResponse {}

  /** The tokens, or the provider's error thrown. */
  default TokenSet orThrow() throws ProviderErrorException {
    if (this instanceof Failure f) {
      // A fresh exception: the stack trace should show who asked, not the parser.
      ProviderErrorException e = f.error();
      throw new ProviderErrorException(
          e.error(), e.description().orElse(null), e.errorUri().orElse(null), e.status());
    }
    return ((Success) this).tokens();
  }
}
