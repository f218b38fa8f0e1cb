package dev.lanyard.login;

import dev.lanyard.LoginTimeoutException;
import dev.lanyard.internal.loopback.LoopbackRun;
import dev.lanyard.provider.ProviderMetadata;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Signs a person in with their browser: authorization code with PKCE, answered on a loopback
 * callback ({@code http://127.0.0.1:{port}/callback}) that only this process listens on.
 *
 * <pre>{@code
 * BrowserLogin login = BrowserLogin.builder()
 *     .issuer(URI.create("https://id.example.org/realms/lab"))
 *     .client(ClientAuthentication.none("lab-cli"))
 *     .scope(Scope.of("offline_access"))
 *     .loginHint("ada@example.org")
 *     .loopback(LoopbackOptions.defaults().withTimeout(Duration.ofMinutes(2)))
 *     .build();
 * LoginResult result = login.login();   // prints the URL, opens the browser, waits
 * store.save(result.tokens());
 * }</pre>
 *
 * <p>In a notebook or REPL, {@link #start()} returns the URL at once and {@link #await()} waits:
 * {@code login()} is exactly the two. The URL is always printed; on a machine without a display
 * nothing else happens, and a hint points to {@link DeviceLogin}. Every request carries a fresh
 * {@code state}, {@code nonce} and PKCE S256 challenge; a callback with a wrong {@code state} is
 * refused and the wait goes on; an {@code iss} parameter naming another issuer ends the login with
 * {@link dev.lanyard.InvalidTokenException} (RFC 9207). The login ends with the tokens, with {@link
 * dev.lanyard.AuthorizationDeniedException} when the provider reports an error, or with {@link
 * LoginTimeoutException} after the timeout or a {@link #cancel()}. The callback server serves one
 * sign-in and is closed (its port free) before {@code await()} returns.
 */
public final class BrowserLogin {
  private final LoginConfig config;
  private final LoopbackOptions options;
  private final String callbackPath;
  private final LoopbackRun<LoginResult> run;

  private BrowserLogin(Builder b) {
    this(b.config(), b.options);
  }

  /** For the interactive session, which shares one configuration between browser and device. */
  BrowserLogin(LoginConfig config, LoopbackOptions options) {
    this.config = config;
    this.options = options;
    this.callbackPath = options.callbackPath().orElse("/callback");
    this.run =
        options.run(
            options.port().orElse(0),
            "Sign in with a device code instead (device login), or forward the port");
  }

  /** A builder; a provider and a client are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the sign-in, opens the browser and waits for it: {@link #start()} then {@link #await()}.
   */
  public LoginResult login() throws IOException {
    start();
    return await();
  }

  /**
   * Starts listening on the loopback callback, prints the authorization URL, tries to open the
   * browser, and returns the URL at once. Fails with {@link IllegalStateException} while an earlier
   * sign-in of this login still waits.
   */
  public URI start() throws IOException {
    return begin(config.loginHint().orElse(null));
  }

  /**
   * As {@link #start()}, for this person: {@code login_hint}, and expected e-mail when it is one.
   */
  public URI start(String loginHint) throws IOException {
    if (Objects.requireNonNull(loginHint, "loginHint").isBlank()) {
      throw new IllegalArgumentException("loginHint must not be blank");
    }
    return begin(loginHint);
  }

  private URI begin(@Nullable String hint) throws IOException {
    run.checkIdle();
    ProviderMetadata m = config.provider();
    config.authorizationEndpoint(m);
    return run.start(
        boundPort -> {
          URI redirect = URI.create("http://127.0.0.1:" + boundPort + callbackPath);
          PendingLogin pending =
              PendingLogin.create(
                  redirect,
                  config.expectedEmail(hint),
                  config.clock().instant().plus(options.timeout()),
                  config.newDpopKey());
          URI url = config.authorizationUrl(m, pending, hint, Map.of());
          LoopbackCallback callback =
              new LoopbackCallback(
                  config, m, pending, callbackPath, boundPort, run.timeoutMessage());
          return new LoopbackRun.Started<>(url, callback);
        });
  }

  /**
   * Waits for the sign-in started by {@link #start()} and returns its tokens. Interrupting the
   * waiting thread ends the sign-in too: the port is freed and an {@link InterruptedIOException}
   * thrown, with the thread's interrupt flag set again.
   *
   * @throws IllegalStateException when no sign-in was started
   * @throws LoginTimeoutException after the timeout, or when {@link #cancel()} was called
   */
  public LoginResult await() throws IOException {
    return run.await();
  }

  /**
   * Ends a waiting sign-in: the callback server stops and {@link #await()} throws {@link
   * LoginTimeoutException} ("the sign-in was cancelled"). Does nothing when none waits.
   */
  public void cancel() {
    run.cancel();
  }

  @Override
  public String toString() {
    return "BrowserLogin{"
        + config
        + ", port="
        + (options.port().orElse(0) == 0 ? "any" : options.port().getAsInt())
        + ", callbackPath="
        + callbackPath
        + '}';
  }

  /** Builds a {@link BrowserLogin}; a provider and a client are required. */
  public static final class Builder extends LoginBuilder<Builder> {
    private LoopbackOptions options = LoopbackOptions.defaults();

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * The port, callback path, timeout, launcher and printer; default {@link
     * LoopbackOptions#defaults()}: any free port, {@code /callback}, 300 s, the system browser.
     */
    public Builder loopback(LoopbackOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** The login. */
    public BrowserLogin build() {
      return new BrowserLogin(this);
    }
  }
}
