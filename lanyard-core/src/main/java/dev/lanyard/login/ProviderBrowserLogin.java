package dev.lanyard.login;

import dev.lanyard.LoginTimeoutException;
import dev.lanyard.internal.loopback.Durations;
import dev.lanyard.internal.loopback.LoopbackRun;
import dev.lanyard.internal.oauth.Secrets;
import dev.lanyard.login.provider.CallbackProvider;
import dev.lanyard.login.provider.Credentials;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Signs a person in with their browser to a {@linkplain CallbackProvider provider plug-in} (a
 * service whose callback is not OAuth), on the same loopback callback server as {@link
 * BrowserLogin}: 127.0.0.1 only, the bound port in the callback URL, every wait bounded.
 *
 * <pre>{@code
 * CallbackProvider provider = LabArchives.fromEnvironment().provider();
 * ProviderBrowserLogin login = ProviderBrowserLogin.builder(provider).build();
 * Credentials credentials = login.login();   // prints the URL, opens the browser, waits
 * CredentialStore.file(path).save(credentials);
 * }</pre>
 *
 * <p>The {@linkplain LoopbackOptions options} are {@link BrowserLogin}'s. The port is the
 * provider's {@linkplain CallbackProvider#defaultPort() default} (LabArchives: 8089) unless set.
 * The callback path is random for each sign-in unless set: these callbacks carry no {@code state},
 * so the unguessable path is what keeps another page in the browser from completing or ending the
 * sign-in. A request to another path gets 404; a callback the provider finds incomplete gets 400
 * and the wait goes on; a refusal ends the login with the provider's error; after the timeout (300
 * s by default) or {@link #cancel()} it ends with {@link LoginTimeoutException}. {@link #start()}
 * and {@link #await()} split {@link #login()} for notebooks and REPLs.
 */
public final class ProviderBrowserLogin {
  private final CallbackProvider provider;
  private final @Nullable String callbackPath;
  private final LoopbackRun<Credentials> run;

  private ProviderBrowserLogin(Builder b) {
    this.provider = b.provider;
    this.callbackPath = b.options.callbackPath().orElse(null);
    String advice =
        provider.secretSignIn().isPresent()
            ? "Sign in with credentials copied from "
                + provider.id()
                + " instead, or forward the port"
            : "Forward the port";
    int port = b.options.port().orElse(provider.defaultPort());
    if (port < 0 || port > 65535) {
      throw new IllegalStateException(
          provider.id() + " names an impossible default port " + port + "; set a port");
    }
    this.run = b.options.run(port, advice);
  }

  /** A builder for signing in to {@code provider}. */
  public static Builder builder(CallbackProvider provider) {
    return new Builder(provider);
  }

  /** {@link #start()} then {@link #await()}. */
  public Credentials login() throws IOException {
    start();
    return await();
  }

  /**
   * Starts listening on the loopback callback, prints the provider's login URL, tries to open the
   * browser, and returns the URL at once.
   *
   * @throws java.net.BindException when a fixed port is in use
   * @throws IllegalStateException while an earlier sign-in of this login still waits
   */
  public URI start() throws IOException {
    run.checkIdle();
    return run.start(
        boundPort -> {
          String path = callbackPath != null ? callbackPath : "/callback/" + Secrets.random();
          URI callbackUrl = URI.create("http://127.0.0.1:" + boundPort + path);
          URI url = provider.loginUrl(callbackUrl);
          return new LoopbackRun.Started<>(
              url, new ProviderCallback(provider, path, boundPort, run.timeoutMessage()));
        });
  }

  /**
   * Waits for the sign-in started by {@link #start()}; the port is closed when this returns.
   * Interrupting the waiting thread cancels the sign-in and throws {@link InterruptedIOException}.
   *
   * @throws IllegalStateException when no sign-in was started
   * @throws LoginTimeoutException after the timeout, or when {@link #cancel()} was called
   */
  public Credentials await() throws IOException {
    return run.await();
  }

  /** Ends a waiting sign-in ("the sign-in was cancelled"); does nothing when none waits. */
  public void cancel() {
    run.cancel();
  }

  @Override
  public String toString() {
    return "ProviderBrowserLogin{provider="
        + provider.id()
        + ", callbackPath="
        + (callbackPath != null ? callbackPath : "random")
        + ", timeout="
        + Durations.format(run.timeout())
        + '}';
  }

  /** Builds a {@link ProviderBrowserLogin}. */
  public static final class Builder {
    private final CallbackProvider provider;
    private LoopbackOptions options = LoopbackOptions.defaults();

    private Builder(CallbackProvider provider) {
      this.provider = Objects.requireNonNull(provider, "provider");
    }

    /**
     * The port, callback path, timeout, launcher and printer; default {@link
     * LoopbackOptions#defaults()}: the provider's default port, a random path per sign-in, 300 s,
     * the system browser.
     */
    public Builder loopback(LoopbackOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** The login. */
    public ProviderBrowserLogin build() {
      return new ProviderBrowserLogin(this);
    }
  }
}
