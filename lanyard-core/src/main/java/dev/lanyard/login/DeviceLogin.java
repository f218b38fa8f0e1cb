package dev.lanyard.login;

import dev.lanyard.ProviderErrorException;
import dev.lanyard.TokenSet;
import dev.lanyard.internal.loopback.Durations;
import dev.lanyard.internal.oauth.DeviceAuthorization;
import dev.lanyard.internal.oauth.DevicePoller;
import dev.lanyard.internal.oauth.Pkce;
import dev.lanyard.internal.time.Sleeper;
import dev.lanyard.provider.ProviderMetadata;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs a person in from a machine without a browser (ssh, an HPC login node, a container): the
 * device authorization grant, RFC 8628. The person opens a URL on any device and enters a short
 * code; this machine polls until they approved.
 *
 * <pre>{@code
 * DeviceLogin login = DeviceLogin.builder()
 *     .issuer(URI.create("https://id.example.org/realms/lab"))
 *     .client(ClientAuthentication.none("lab-cli"))
 *     .scope(Scope.of("offline_access"))
 *     .prompt(DevicePrompt.printingTo(System.err::println))
 *     .build();
 * LoginResult result = login.login();   // shows the code, polls, returns the tokens
 * }</pre>
 *
 * <p>Polling follows the provider's {@code interval} (default 5 s), adds 5 s on {@code slow_down},
 * waits out 5xx answers and connection failures within the deadline, and ends with {@link
 * dev.lanyard.LoginTimeoutException} when the code expires ({@code expired_token}), the timeout
 * passes or {@link #cancel()} is called, and with {@link dev.lanyard.AuthorizationDeniedException}
 * on {@code access_denied}. PKCE is sent when discovery lists S256 in {@code
 * code_challenge_methods_supported} (Keycloak requires it for clients that require PKCE), or as
 * {@link Builder#pkce(boolean)} forces. The ID token is verified without a nonce (the device flow
 * has none); an expected e-mail is checked as in the other logins. RFC 8628 has no {@code
 * login_hint}: a login hint here only sets the expected e-mail. Extra {@link
 * Builder#parameter(String, String) parameters} (e.g. {@code audience}) go with the device
 * authorization request.
 */
public final class DeviceLogin {
  private static final Logger log = LoggerFactory.getLogger(DeviceLogin.class);

  private final LoginConfig config;
  private final Duration timeout;
  private final DevicePrompt prompt;
  private final @Nullable Boolean pkce;
  private final @Nullable Sleeper sleeper;
  private final Set<CountDownLatch> running = ConcurrentHashMap.newKeySet();

  private DeviceLogin(Builder b) {
    this(b.config(), b.timeout, b.prompt, b.pkce, b.sleeper);
  }

  /** For the interactive session, which shares one configuration between browser and device. */
  DeviceLogin(
      LoginConfig config,
      Duration timeout,
      DevicePrompt prompt,
      @Nullable Boolean pkce,
      @Nullable Sleeper sleeper) {
    this.config = config;
    this.timeout = timeout;
    this.prompt = prompt;
    this.pkce = pkce;
    this.sleeper = sleeper;
  }

  /** A builder; a provider and a client are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs a device sign-in: asks for a code, shows it with the {@link DevicePrompt}, polls until the
   * person approved, and returns the verified tokens. Interrupting the thread ends it with an
   * {@link java.io.InterruptedIOException}.
   */
  public LoginResult login() throws IOException {
    CountDownLatch cancelled = new CountDownLatch(1);
    running.add(cancelled);
    try {
      ProviderMetadata m = config.provider();
      Instant giveUp = config.clock().instant().plus(timeout);
      DeviceAuthorization.Started started = authorize(m);
      prompt.show(DeviceCode.of(started));
      Instant expiresAt = started.expiresAt();
      Instant deadline = expiresAt.isBefore(giveUp) ? expiresAt : giveUp;
      TokenSet tokens =
          new DevicePoller(
                  config.tokenEndpoint(m, config.newDpopKey()),
                  config.scope(),
                  config.clock(),
                  started,
                  deadline,
                  sleeper != null ? sleeper : until(cancelled),
                  cancelled)
              .poll();
      return config.finish(m, tokens, null, config.expectedEmail(config.loginHint().orElse(null)));
    } finally {
      running.remove(cancelled);
    }
  }

  /**
   * Ends the sign-ins in progress: their {@link #login()} throws {@link
   * dev.lanyard.LoginTimeoutException}.
   */
  public void cancel() {
    running.forEach(CountDownLatch::countDown);
  }

  /** Sleeps, and wakes early on {@link #cancel()}. */
  private static Sleeper until(CountDownLatch cancelled) {
    return duration -> {
      boolean unused = cancelled.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    };
  }

  private DeviceAuthorization.Started authorize(ProviderMetadata m) throws IOException {
    boolean usePkce = pkce != null ? pkce : m.codeChallengeMethods().contains(Pkce.METHOD);
    try {
      return DeviceAuthorization.request(
          config.deviceRequest(), m, usePkce ? Pkce.generate() : null);
    } catch (ProviderErrorException e) {
      // Keycloak, for a client that requires PKCE, without it in discovery:
      // "Missing parameter: code_challenge_method".
      boolean wantsPkce = e.description().map(d -> d.contains("code_challenge")).orElse(false);
      if (pkce == null && !usePkce && wantsPkce) {
        log.debug("the device authorization endpoint requires PKCE; asking again with it");
        return DeviceAuthorization.request(config.deviceRequest(), m, Pkce.generate());
      }
      throw e;
    }
  }

  @Override
  public String toString() {
    return "DeviceLogin{" + config + ", timeout=" + Durations.format(timeout) + '}';
  }

  /** Builds a {@link DeviceLogin}; a provider and a client are required. */
  public static final class Builder extends LoginBuilder<Builder> {
    private Duration timeout = Duration.ofMinutes(15);
    private DevicePrompt prompt = DevicePrompt.printingTo(line -> System.err.println(line));
    private @Nullable Boolean pkce;
    private @Nullable Sleeper sleeper;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /** How the code is shown; default printed to standard error. */
    public Builder prompt(DevicePrompt prompt) {
      this.prompt = Objects.requireNonNull(prompt, "prompt");
      return this;
    }

    /** The longest wait for the person; default 15 min, and never past the code's own expiry. */
    public Builder timeout(Duration timeout) {
      this.timeout = Durations.positive(timeout, "timeout");
      return this;
    }

    /**
     * Forces PKCE on or off. By default it is sent when discovery lists S256 in {@code
     * code_challenge_methods_supported}, or when the provider asks for it.
     */
    public Builder pkce(boolean pkce) {
      if (this.pkce != null) {
        throw new IllegalStateException("pkce was already set to " + this.pkce);
      }
      this.pkce = pkce;
      return this;
    }

    /** Tests: waits between polls without sleeping. */
    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** The login. */
    public DeviceLogin build() {
      return new DeviceLogin(this);
    }
  }
}
