package dev.lanyard.login;

import dev.lanyard.LoginRequiredException;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.internal.files.StateFolder;
import dev.lanyard.internal.loopback.Durations;
import dev.lanyard.internal.time.Sleeper;
import dev.lanyard.session.TokenSession;
import dev.lanyard.store.FileTokenStore;
import dev.lanyard.store.TokenStore;
import dev.lanyard.transport.EnvironmentTransport;
import dev.lanyard.verify.Identity;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A person's session in one object: signs them in interactively when needed, keeps their tokens
 * valid, and when the refresh token dies asks them again through the same object, one sign-in at a
 * time.
 *
 * <pre>{@code
 * var lab = InteractiveSession.builder(issuer, "cli").expectedEmail("alice@example.org").build();
 * URI url = lab.start();           // a notebook: the URL at once; the browser opens where it can
 * String token = lab.accessToken(); // after the callback: always valid, renewed, or asked again
 * }</pre>
 *
 * <p><b>How the person signs in.</b> With a browser on a loopback callback ({@link BrowserLogin})
 * where one can open: a display on Linux and BSD ({@code DISPLAY} or {@code WAYLAND_DISPLAY}, so
 * not over ssh without X forwarding), always on macOS and Windows, or whenever the {@linkplain
 * Builder#loopback loopback options} name a launcher other than the system browser. Elsewhere with
 * a device code ({@link DeviceLogin}), shown by the {@linkplain Builder#devicePrompt device
 * prompt}. {@link Builder#deviceCode(boolean)} forces either. The rule is the command line's.
 *
 * <p><b>Who.</b> An {@linkplain Builder#expectedEmail expected e-mail} (or a login hint that is
 * one) and an {@linkplain Builder#expectedSubject expected subject} are enforced at every sign-in,
 * and without an expected subject a sign-in must be by the subject who signed in first through this
 * object (until {@link TokenSession#clear()}): a browser still signed in as someone else cannot
 * silently switch the session to them. A mismatch fails with {@link
 * dev.lanyard.IdentityMismatchException} and stores nothing.
 *
 * <p><b>Tokens</b> live in the {@linkplain Builder#store store} (by default a file in the user's
 * state folder, the command line's token folder) and are renewed by {@link #session()} as by any
 * {@link TokenSession}: in the background before they expire, one refresh at a time across threads
 * and processes. Hand {@link #session()} to the HTTP integrations.
 *
 * <p><b>When only the person can help</b> (nothing stored yet, or the refresh token expired or was
 * revoked), the token call that needs a token asks the {@linkplain Builder#signInPolicy sign-in
 * policy}: by default it signs in at once and every caller waits for that one sign-in, bounded by
 * its timeout plus a minute; a policy may decline, and then the callers get a {@link
 * LoginRequiredException} that says to call {@link #start()}. A background refresh never asks.
 */
public final class InteractiveSession {
  /** Background refreshes may wait for a person: one short-lived thread each, not a shared pool. */
  private static final Executor OWN_THREADS =
      task -> {
        Thread t = new Thread(task, "lanyard-session-refresh");
        t.setDaemon(true);
        t.start();
      };

  /** The least a caller waits for a renewal, as for any session. */
  private static final Duration MIN_WAIT = Duration.ofSeconds(90);

  private final SignIns signIns;
  private final TokenSession session;

  private InteractiveSession(SignIns signIns, TokenSession session) {
    this.signIns = signIns;
    this.session = session;
  }

  /** A builder; a provider and a client are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder for a public client (no secret, as a native app is) of the provider {@code issuer}.
   */
  public static Builder builder(URI issuer, String clientId) {
    return new Builder().issuer(issuer).client(ClientAuthentication.none(clientId));
  }

  /**
   * The session: hand it to {@code AuthenticatedHttpClient}, {@code LanyardOkHttp} or {@code
   * LanyardHttpClient5}. It renews silently and, when only the person can help, signs them in
   * through this object.
   */
  public TokenSession session() {
    return session;
  }

  /** {@link TokenSession#token()} of {@link #session()}: signs the person in first when needed. */
  public TokenSet token() throws IOException {
    return session.token();
  }

  /** The access token of {@link #token()}. */
  public String accessToken() throws IOException {
    return session.accessToken();
  }

  /**
   * Starts a sign-in and returns its URL at once, for a notebook or REPL: the browser's
   * authorization URL (printed, and opened where a browser can open), or the device code's
   * verification URL (the {@linkplain Builder#devicePrompt device prompt} shows the code). The
   * sign-in completes when the callback arrives (or the device is approved): its tokens are stored
   * and the next token call uses them, waiting for the sign-in while it runs. While a sign-in is in
   * progress, returns its URL instead of starting another.
   *
   * @throws java.net.BindException when a fixed loopback port is taken
   */
  public URI start() throws IOException {
    return signIns.start();
  }

  /**
   * Ends the sign-in in progress, if any: the callers waiting for it get {@link
   * dev.lanyard.LoginTimeoutException} ("the sign-in was cancelled"), its callback port is freed,
   * and nothing is stored.
   */
  public void cancel() {
    signIns.cancel();
  }

  /**
   * Who signed in through this object, from the verified ID token of the last sign-in; empty before
   * the first and after {@link TokenSession#clear()} (tokens found in the store say nothing here).
   */
  public Optional<Identity> identity() {
    return signIns.identity();
  }

  @Override
  public String toString() {
    return "InteractiveSession{" + signIns + ", " + session + '}';
  }

  /**
   * Decides, when a token call needs the person, whether to sign them in now: the hook through
   * which an application chooses how and when a person is asked again. How the sign-in shows itself
   * is the {@linkplain Builder#loopback loopback options}' launcher and printer, or the {@linkplain
   * Builder#devicePrompt device prompt}.
   */
  @FunctionalInterface
  public interface SignInPolicy {
    /** Signs in at once (browser or device code) and every caller waits: the default. */
    SignInPolicy AT_ONCE = reason -> true;

    /**
     * Never from a token call: callers get {@link LoginRequiredException} until {@code start()}.
     */
    SignInPolicy NEVER = reason -> false;

    /**
     * True to sign the person in now; false to fail this token call, and every caller waiting with
     * it, with a {@link LoginRequiredException} that says to call {@code start()}. Called on the
     * thread of the token call that needs the person, once per sign-in needed and never twice at
     * once for one session; it may block, e.g. on a dialog that asks the person first. Not called
     * while a sign-in from {@code start()} is in progress: callers wait for that one.
     *
     * @param reason why the person is needed, e.g. "the provider refused the refresh token"
     */
    boolean signInNow(LoginRequiredException reason) throws IOException;
  }

  /** Builds an {@link InteractiveSession}; a provider and a client are required. */
  public static final class Builder extends LoginBuilder<Builder> {
    private @Nullable TokenStore store;
    private LoopbackOptions loopback = LoopbackOptions.defaults();
    private DevicePrompt devicePrompt = DevicePrompt.printingTo(line -> System.err.println(line));
    private Duration deviceTimeout = Duration.ofMinutes(15);
    private @Nullable Boolean deviceCode;
    private SignInPolicy policy = SignInPolicy.AT_ONCE;
    private @Nullable String subject;
    private Map<String, String> environment = System.getenv();
    private String osName = System.getProperty("os.name", "");
    private Path userHome = Path.of(System.getProperty("user.home", ""));
    private @Nullable Sleeper sleeper;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * Where the tokens live; default a {@link FileTokenStore} in the user's state folder, the
     * command line's token folder ({@code $LANYARD_HOME/tokens}, else {@code
     * $XDG_STATE_HOME/lanyard/tokens} or {@code ~/.local/state/lanyard/tokens}, the platform's
     * application folder on macOS and Windows), one file per issuer, client, expected person and
     * scope, never one of the command line's profiles.
     */
    public Builder store(TokenStore store) {
      if (this.store != null) {
        throw new IllegalStateException("store was already set to " + this.store.describe());
      }
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * How a browser sign-in waits: port, callback path, timeout (default 300 s), launcher, printer;
     * default {@link LoopbackOptions#defaults()}. A launcher other than the system browser means a
     * browser can open (the application opens it), so the device code is not used by default.
     */
    public Builder loopback(LoopbackOptions options) {
      this.loopback = Objects.requireNonNull(options, "options");
      return this;
    }

    /** How a device code is shown; default printed to standard error. */
    public Builder devicePrompt(DevicePrompt prompt) {
      this.devicePrompt = Objects.requireNonNull(prompt, "prompt");
      return this;
    }

    /** The longest wait for a device sign-in; default 15 min, never past the code's expiry. */
    public Builder deviceTimeout(Duration timeout) {
      this.deviceTimeout = Durations.positive(timeout, "deviceTimeout");
      return this;
    }

    /**
     * True: always a device code; false: always a browser (the URL is printed where none opens).
     * Default: a browser where one can open, else a device code.
     */
    public Builder deviceCode(boolean always) {
      if (this.deviceCode != null) {
        throw new IllegalStateException("deviceCode was already set to " + this.deviceCode);
      }
      this.deviceCode = always;
      return this;
    }

    /**
     * What a token call does when only the person can help; default {@link SignInPolicy#AT_ONCE}.
     */
    public Builder signInPolicy(SignInPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * The subject ({@code sub}) the signed-in person must have, at every sign-in; without it, the
     * subject of the first sign-in through the session is expected at every later one.
     */
    public Builder expectedSubject(String subject) {
      if (this.subject != null) {
        throw new IllegalStateException("expectedSubject was already set to " + this.subject);
      }
      if (Objects.requireNonNull(subject, "subject").isBlank()) {
        throw new IllegalArgumentException("expectedSubject must not be blank");
      }
      this.subject = subject;
      return this;
    }

    /**
     * Tests: the process environment and OS that decide browser or device, and the state folder.
     */
    Builder environment(Map<String, String> environment, String osName, Path userHome) {
      this.environment = Map.copyOf(environment);
      this.osName = osName;
      this.userHome = userHome;
      return this;
    }

    /** Tests: waits between device polls without sleeping. */
    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * The session. Nothing is signed in yet: the first token call (or {@link #start()}) does that,
     * unless the store already holds tokens.
     *
     * <p>Unless {@link #transport} is set, proxies and extra CA certificates come from the
     * environment, as the command line reads them ({@code HTTPS_PROXY}, {@code NO_PROXY}, {@code
     * LANYARD_CA_FILE}, {@code SSL_CERT_FILE}; see {@link EnvironmentTransport}).
     *
     * @throws IllegalStateException without a provider or a client, with a relative {@code
     *     LANYARD_HOME} and no store, or when the environment names a CA bundle that cannot be read
     */
    public InteractiveSession build() {
      if (!transportSet) {
        // Where people run it: a login node behind HTTPS_PROXY, an institute's own CA. The JDK's
        // HttpClient reads neither by itself; Python clients (requests) do, so users expect it.
        try {
          transport = EnvironmentTransport.of(environment).applyTo(transport);
        } catch (IOException e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      }
      AtomicReference<@Nullable Identity> signedIn = new AtomicReference<>();
      String fixed = subject;
      expectedSubject =
          () -> {
            Identity first = signedIn.get();
            return fixed != null ? fixed : first != null ? first.subject() : null;
          };
      LoginConfig config = config();
      boolean device =
          deviceCode != null
              ? deviceCode
              : loopback.launcher() == BrowserLauncher.system()
                  && !SystemBrowserLauncher.canOpen(environment, osName);
      SignIns signIns =
          new SignIns(
              new SignIns.Setup(
                  store != null ? store : defaultStore(config),
                  config,
                  device,
                  loopback,
                  devicePrompt,
                  deviceTimeout,
                  policy,
                  signedIn,
                  sleeper));
      TokenSession.Builder b = TokenSession.builder();
      if (provider != null) {
        b.provider(provider);
      } else {
        b.issuer(Objects.requireNonNull(issuer)); // config() required one of the two
      }
      Duration wait = signIns.timeout().plus(SignIns.GRACE);
      b.client(config.client())
          .store(signIns)
          .transport(transport)
          .executor(OWN_THREADS)
          .waitTimeout(wait.compareTo(MIN_WAIT) > 0 ? wait : MIN_WAIT);
      if (clockSet) {
        b.clock(clock);
      }
      return new InteractiveSession(signIns, b.build());
    }

    /** A file per issuer, client, expected person and scope in the user's token folder. */
    private TokenStore defaultStore(LoginConfig config) {
      String email = config.expectedEmail(loginHint);
      String who =
          subject != null
              ? "subject " + subject
              : email != null ? email.toLowerCase(Locale.ROOT) : "anyone";
      String issuerName =
          issuer != null
              ? issuer.toString()
              : Objects.requireNonNull(provider)
                  .issuer()
                  .orElse(provider.tokenEndpoint())
                  .toString();
      Path folder = StateFolder.tokens(environment::get, osName, userHome);
      return FileTokenStore.forIdentity(
          folder,
          issuerName,
          config.client().clientId(),
          "session: " + who + ", scope: " + config.scope());
    }
  }
}
