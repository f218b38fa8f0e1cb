package dev.lanyard.login;

import dev.lanyard.IdentityMismatchException;
import dev.lanyard.verify.IdTokenVerifier;
import dev.lanyard.verify.Identity;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The ID-token checks a login runs, in front of {@link IdTokenVerifier}: a seam so unit tests can
 * stand in for the provider's keys without mocking the verifier itself.
 */
@FunctionalInterface
interface IdentityCheck {

  /** Verifies {@code idToken}; {@code nonce} is null when none is expected (device flow). */
  Identity verify(String idToken, @Nullable String nonce) throws IOException;

  /** Fails unless the identity's verified e-mail is {@code expectedEmail}. */
  default void requireEmail(Identity identity, String expectedEmail)
      throws IdentityMismatchException {
    IdTokenVerifier.requireEmail(identity, expectedEmail);
  }

  static IdentityCheck of(IdTokenVerifier verifier) {
    return (idToken, nonce) ->
        nonce == null ? verifier.verify(idToken) : verifier.verify(idToken, nonce);
  }
}
