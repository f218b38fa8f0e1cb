package dev.lanyard.internal.provider;

import dev.lanyard.http.RequestAuthorizer;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A service that signs people in through a browser callback that is not OAuth, such as LabArchives:
 * the person's browser goes to the {@linkplain #loginUrl login URL}, the service sends it back to a
 * callback URL with some query parameters, and those become {@link Credentials}. Lanyard's loopback
 * callback server, browser opener and web login run the flow; the provider only says what the URLs
 * and parameters mean.
 *
 * <pre>{@code
 * CallbackProvider provider = factory.create(ProviderContext.of(settings));
 *
 * // a person at this machine: loopback callback, browser, wait
 * Credentials credentials = ProviderBrowserLogin.builder(provider).build().login();
 * CredentialStore.file(path).save(credentials);
 *
 * // every API call
 * HttpRequest signed = provider.authenticator(credentials).apply(request);
 *
 * // status
 * ProviderIdentity who = provider.describe(credentials);
 * }</pre>
 *
 * <p>Implementations are immutable and thread-safe. {@link #read} runs for every request that
 * reaches the callback path and must do no I/O; {@link #redeem} runs once per sign-in.
 */
public interface CallbackProvider {

  /**
   * A short lowercase name, e.g. {@code labarchives}: what {@link Credentials#provider()} says,
   * what a command line's {@code --provider} takes, and what messages call the service.
   */
  String id();

  /**
   * The loopback port a browser login listens on unless told otherwise; 0, the default, means any
   * free port. A provider whose redirect URIs must be registered names its fixed port here.
   */
  default int defaultPort() {
    return 0;
  }

  /**
   * The URL that starts a sign-in: the service sends the browser back to {@code callbackUrl}
   * afterwards. Called once per sign-in; the URL may carry a signature or an expiry.
   */
  URI loginUrl(URI callbackUrl) throws IOException;

  /**
   * What a callback's query parameters say, without any I/O: {@linkplain
   * CallbackResponse.Incomplete incomplete} (answered 400; a loopback login keeps waiting),
   * {@linkplain CallbackResponse.Denied denied} (the sign-in ends with the provider's error) or
   * {@linkplain CallbackResponse.Accepted accepted}.
   */
  CallbackResponse read(Map<String, String> parameters);

  /**
   * Turns an accepted callback into credentials, e.g. by exchanging a one-time code; at most once
   * per sign-in.
   */
  Credentials redeem(CallbackResponse.Accepted accepted) throws IOException;

  /**
   * Signing in without a browser, with a user name and a secret copied from the service's web UI
   * (LabArchives: an e-mail and a password token for external applications); empty when the service
   * offers none.
   */
  default Optional<SecretSignIn> secretSignIn() {
    return Optional.empty();
  }

  /**
   * How API requests are authorized with these credentials: a signature in the query, a header, or
   * both; any of Lanyard's HTTP integrations takes it.
   *
   * @throws IllegalArgumentException when the credentials belong to another provider
   */
  RequestAuthorizer authenticator(Credentials credentials);

  /**
   * Who the credentials sign in, for a status display; from the credentials alone, no I/O.
   *
   * @throws IllegalArgumentException when the credentials belong to another provider
   */
  ProviderIdentity describe(Credentials credentials);

  /**
   * The bearer token to hand to other programs, for a provider that has one; empty (the default)
   * for a provider that authenticates each request otherwise, such as by signing it.
   */
  default Optional<String> bearerToken(Credentials credentials) {
    return Optional.empty();
  }
}
