package dev.lanyard.internal.provider;

import java.io.IOException;

/**
 * Signing in to a {@link CallbackProvider} without a browser, with a user name and a secret the
 * person copied from the service's web UI, such as LabArchives' e-mail and "password token for
 * external applications". A command line offers it as its token flow.
 *
 * <pre>{@code
 * SecretSignIn signIn = provider.secretSignIn().orElseThrow();
 * Credentials credentials = signIn.signIn("ada@example.org", pastedToken);
 * }</pre>
 */
@FunctionalInterface
public interface SecretSignIn {
  /** Checks the secret with the provider and returns the credentials it yields. */
  Credentials signIn(String user, String secret) throws IOException;
}
