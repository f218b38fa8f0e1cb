package dev.lanyard.labarchives;

import dev.lanyard.internal.provider.ProviderBrowserLogin;
import dev.lanyard.labarchives.plugin.LabArchivesProvider;
import dev.lanyard.login.LoopbackOptions;
import java.io.IOException;
import java.net.URI;

/**
 * Signs a person at this machine in to LabArchives with their browser: the browser opens the signed
 * {@code api_user_login} URL, LabArchives sends it back to a loopback callback with an e-mail and a
 * one-time code, and the code is exchanged for the {@link LabArchivesUser} with their notebooks.
 *
 * <pre>{@code
 * LabArchivesUser user = la.browserLogin().login();
 *
 * // in a notebook or REPL: the URL at once, the user when the callback arrives
 * LabArchivesBrowserLogin login = la.browserLogin();
 * URI url = login.start();
 * LabArchivesUser later = login.await();
 * }</pre>
 *
 * <p>The callback server is Lanyard's: 127.0.0.1 only, port {@value
 * LabArchives#DEFAULT_CALLBACK_PORT} unless the {@link LoopbackOptions} set one (0 for any free
 * port), a random path per sign-in (LabArchives' callback has no {@code state}, so the unguessable
 * path is what keeps another web page from completing the sign-in), 404 for other paths, 400 for a
 * callback without {@code email} or {@code auth_code} (the wait goes on), and 300 s to sign in. An
 * {@code error} callback ends the login with {@link LabArchivesAuthenticationException}; the
 * timeout or {@link #cancel()} with {@link dev.lanyard.LoginTimeoutException}.
 */
public final class LabArchivesBrowserLogin {
  private final ProviderBrowserLogin<LabArchivesUser> login;

  LabArchivesBrowserLogin(LabArchivesProvider provider, LoopbackOptions options) {
    this.login =
        ProviderBrowserLogin.builder(provider, provider::redeemUser).loopback(options).build();
  }

  /** {@link #start()} then {@link #await()}: the signed-in user with their notebooks. */
  public LabArchivesUser login() throws IOException {
    return login.login();
  }

  /**
   * Starts listening on the loopback callback, prints the login URL, tries to open the browser, and
   * returns the URL at once.
   *
   * @throws java.net.BindException when the port is in use
   * @throws IllegalStateException while an earlier sign-in of this login still waits
   */
  public URI start() throws IOException {
    return login.start();
  }

  /**
   * Waits for the sign-in started by {@link #start()}; the port is closed when this returns.
   *
   * @throws IllegalStateException when no sign-in was started
   * @throws LabArchivesAuthenticationException when LabArchives or the person refused
   * @throws dev.lanyard.LoginTimeoutException after the timeout, or when {@link #cancel()} was
   *     called
   */
  public LabArchivesUser await() throws IOException {
    return login.await();
  }

  /** Ends a waiting sign-in; does nothing when none waits. */
  public void cancel() {
    login.cancel();
  }

  @Override
  public String toString() {
    return "LabArchivesBrowserLogin" + login.toString().substring(login.toString().indexOf('{'));
  }
}
