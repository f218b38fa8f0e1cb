package dev.lanyard.login;

import dev.lanyard.IdentityMismatchException;
import dev.lanyard.verify.Identity;
import dev.lanyard.verify.TestIdentities;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the provider's keys: "verifies" any ID token as the given person and records the
 * nonce it was asked to check. The e-mail rule is the one the real verifier documents.
 */
final class FakeIdentities implements IdentityCheck {
  static final String ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.id-Vb3nUNIQUE.sig";

  final List<String> nonces = new CopyOnWriteArrayList<>();
  private final String email;

  FakeIdentities(String email) {
    this.email = email;
  }

  static String tokensWithIdToken() {
    return ScriptedProvider.TOKENS.replace("}", ",\"id_token\":\"" + ID_TOKEN + "\"}");
  }

  @Override
  public Identity verify(String idToken, String nonce) {
    nonces.add(String.valueOf(nonce));
    Instant now = Instant.now();
    return TestIdentities.of(
        ScriptedProvider.ISSUER.toString(),
        "sub-1",
        List.of("lab-cli"),
        email,
        true,
        "Ada",
        "ada",
        now,
        now.plusSeconds(300),
        Map.of("sub", "sub-1"));
  }

  @Override
  public void requireEmail(Identity identity, String expectedEmail)
      throws IdentityMismatchException {
    if (!identity.emailVerified() || !expectedEmail.equalsIgnoreCase(identity.email().orElse(""))) {
      throw new IdentityMismatchException(
          "expected " + expectedEmail + " but " + identity.email().orElse("nobody") + " signed in");
    }
  }
}
