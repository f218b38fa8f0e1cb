package dev.lanyard.internal.provider;

import dev.lanyard.LoginTimeoutException;
import dev.lanyard.internal.loopback.Durations;
import dev.lanyard.internal.loopback.LoopbackRun;
import dev.lanyard.internal.oauth.Secrets;
import dev.lanyard.login.BrowserLogin;
import dev.lanyard.login.LoopbackOptions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Signs a person in with their browser to a {@linkplain CallbackProvider provider plug-in} (a
 * service whose callback is not OAuth), on the same loopback callback server as {@link
 * BrowserLogin}: 127.0.0.1 only, the bound port in the callback URL, every wait bounded. A
 * provider's own module wraps it in its public entry point (LabArchives' browser login).
 *
 * <pre>{@code
 * ProviderBrowserLogin<Credentials> login = ProviderBrowserLogin.builder(provider).build();
 * Credentials credentials = login.login();   // prints the URL, opens the browser, waits
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
 *
 * @param <T> what the login ends with: {@link Credentials}, or the {@link Redeemer}'s result
 */
public final class ProviderBrowserLogin<T> {
  private final CallbackProvider provider;
  private final @Nullable String callbackPath;
  private final Redeemer<T> redeemer;
  private final LoopbackRun<T> run;

  private ProviderBrowserLogin(Builder<T> b) {
    this.provider = b.provider;
    this.redeemer = b.redeemer;
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
    LoopbackOptions o = b.options;
    this.run = new LoopbackRun<>(port, o.timeout(), o.launcher()::open, o.printer(), advice);
  }

  /** A builder for signing in to {@code provider}, ending in its {@link Credentials}. */
  public static Builder<Credentials> builder(CallbackProvider provider) {
    return new Builder<>(provider, Redeemer.credentials(provider));
  }

  /** A builder for signing in to {@code provider}, ending in what {@code redeemer} makes. */
  public static <T> Builder<T> builder(CallbackProvider provider, Redeemer<T> redeemer) {
    return new Builder<>(provider, Objects.requireNonNull(redeemer, "redeemer"));
  }

  /** {@link #start()} then {@link #await()}. */
  public T login() throws IOException {
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
              url,
              new ProviderCallback<>(provider, redeemer, path, boundPort, run.timeoutMessage()));
        });
  }

  /**
   * Waits for the sign-in started by {@link #start()}; the port is closed when this returns.
   * Interrupting the waiting thread cancels the sign-in and throws {@link InterruptedIOException}.
   *
   * @throws IllegalStateException when no sign-in was started
   * @throws LoginTimeoutException after the timeout, or when {@link #cancel()} was called
   */
  public T await() throws IOException {
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
  public static final class Builder<T> {
    private final CallbackProvider provider;
    private final Redeemer<T> redeemer;
    private LoopbackOptions options = LoopbackOptions.defaults();

    private Builder(CallbackProvider provider, Redeemer<T> redeemer) {
      this.provider = Objects.requireNonNull(provider, "provider");
      this.redeemer = redeemer;
    }

    /**
     * The port, callback path, timeout, launcher and printer; default {@link
     * LoopbackOptions#defaults()}: the provider's default port, a random path per sign-in, 300 s,
     * the system browser.
     */
    public Builder<T> loopback(LoopbackOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** The login. */
    public ProviderBrowserLogin<T> build() {
      return new ProviderBrowserLogin<>(this);
    }
  }
}
