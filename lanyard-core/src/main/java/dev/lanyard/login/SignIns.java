package dev.lanyard.login;

import dev.lanyard.LoginRequiredException;
import dev.lanyard.LoginTimeoutException;
import dev.lanyard.TokenSet;
import dev.lanyard.internal.grant.PersonSignIn;
import dev.lanyard.internal.time.Sleeper;
import dev.lanyard.store.TokenStore;
import dev.lanyard.verify.Identity;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The interactive sign-ins of one {@link InteractiveSession}, one at a time: started by {@code
 * start()}, or by the session when only the person can renew its tokens ({@link PersonSignIn}).
 * Each runs on its own daemon thread, so the URL is known at once and the sign-in completes when
 * the callback arrives, whoever waits for it. The login checks who signed in (the expected e-mail,
 * and the expected subject or else the subject of whoever signed in first: {@link
 * LoginConfig#finish}); then the tokens are saved in the store, so a session picks them up at its
 * next renewal. A sign-in that fails stores nothing.
 *
 * <p>It is also the session's token store: the store the caller chose, plus the sign-in the session
 * asks for (see {@link PersonSignIn}), and a {@link #clear()} that ends a sign-in in progress.
 */
final class SignIns implements TokenStore, PersonSignIn {
  /** A sign-in's own deadline plus this bounds every wait for it. */
  static final Duration GRACE = Duration.ofSeconds(60);

  /** Tokens of a finished sign-in are handed to the session only when valid this long. */
  private static final Duration FRESH_ENOUGH = Duration.ofSeconds(30);

  /** What an interactive session's builder configured. */
  record Setup(
      TokenStore store,
      LoginConfig config,
      boolean device,
      LoopbackOptions loopback,
      DevicePrompt prompt,
      Duration deviceTimeout,
      InteractiveSession.SignInPolicy policy,
      AtomicReference<@Nullable Identity> identity,
      @Nullable Sleeper sleeper) {}

  private final Setup setup;
  private final TokenStore store;
  private final InstantSource clock;
  private final AtomicReference<@Nullable Attempt> latest = new AtomicReference<>();
  private final AtomicReference<@Nullable Identity> identity;

  SignIns(Setup setup) {
    this.setup = setup;
    this.store = setup.store();
    this.clock = setup.config().clock();
    this.identity = setup.identity();
  }

  /** The longest a sign-in may take: the browser's or the device code's timeout. */
  Duration timeout() {
    return setup.device() ? setup.deviceTimeout() : setup.loopback().timeout();
  }

  /** True when sign-ins use a device code rather than a browser on this machine. */
  boolean device() {
    return setup.device();
  }

  /** Who signed in last through these sign-ins; empty before the first, and after a clear. */
  Optional<Identity> identity() {
    return Optional.ofNullable(identity.get());
  }

  // ---- started by the caller ----

  /** The URL of the sign-in in progress, else of a new one; at once for a browser sign-in. */
  URI start() throws IOException {
    return await(startOrJoin().url, timeout());
  }

  /** Ends the sign-in in progress, if any: its waiters get "the sign-in was cancelled". */
  void cancel() {
    Attempt a = latest.get();
    if (a == null || a.tokens.isDone()) {
      return;
    }
    a.cancelled = true;
    a.seen.set(true); // the caller ended it: nothing to report later
    LoginTimeoutException cancelled = new LoginTimeoutException("the sign-in was cancelled");
    a.url.completeExceptionally(cancelled);
    a.tokens.completeExceptionally(cancelled);
    Runnable stop = a.stop;
    if (stop != null) {
      stop.run();
    }
  }

  // ---- asked by the session ----

  @Override
  public TokenSet signIn(LoginRequiredException reason) throws IOException {
    Attempt last = latest.get();
    if (last != null && last.tokens.isDone() && last.seen.compareAndSet(false, true)) {
      // A sign-in started with start() ended since the session last looked: its outcome, once.
      TokenSet t = await(last.tokens, Duration.ZERO);
      if (t.accessValid(FRESH_ENOUGH, clock.instant())) {
        return t;
      }
    }
    Attempt running = latest.get();
    if ((running == null || running.tokens.isDone()) && !setup.policy().signInNow(reason)) {
      throw new LoginRequiredException(
          reason.getMessage() + " (not asked now: call start() to sign in)", reason);
    }
    Attempt a = startOrJoin();
    try {
      return await(a.tokens, timeout().plus(GRACE));
    } finally {
      a.seen.set(true);
    }
  }

  // ---- the token store the session sees ----

  @Override
  public Optional<TokenSet> load() throws IOException {
    return store.load();
  }

  @Override
  public void save(TokenSet tokens) throws IOException {
    store.save(tokens);
  }

  /** Ends a sign-in in progress (so it cannot store tokens after this), forgets who signed in. */
  @Override
  public void clear() throws IOException {
    cancel();
    identity.set(null);
    store.clear();
  }

  @Override
  public TokenSet update(Update update) throws IOException {
    return store.update(update);
  }

  @Override
  public String describe() {
    return store.describe();
  }

  // ---- one sign-in ----

  private static final class Attempt {
    final CompletableFuture<URI> url = new CompletableFuture<>();
    final CompletableFuture<TokenSet> tokens = new CompletableFuture<>();

    /** True once a caller got (or gave up on) the outcome. */
    final AtomicBoolean seen = new AtomicBoolean();

    volatile boolean cancelled;
    volatile @Nullable Runnable stop;
  }

  private Attempt startOrJoin() {
    Attempt mine = new Attempt();
    while (true) {
      Attempt running = latest.get();
      if (running != null && !running.tokens.isDone()) {
        return running;
      }
      if (latest.compareAndSet(running, mine)) {
        Thread t = new Thread(() -> run(mine), "lanyard-sign-in");
        t.setDaemon(true);
        t.start();
        return mine;
      }
    }
  }

  private void run(Attempt a) {
    try {
      LoginResult r = setup.device() ? device(a) : browser(a);
      a.tokens.complete(keep(a, r));
    } catch (IOException | RuntimeException | Error e) {
      a.url.completeExceptionally(e);
      a.tokens.completeExceptionally(e);
    }
  }

  private LoginResult browser(Attempt a) throws IOException {
    BrowserLogin login = new BrowserLogin(setup.config(), setup.loopback());
    String hint = hint();
    URI url = hint != null ? login.start(hint) : login.start();
    a.stop = login::cancel;
    if (a.cancelled) {
      login.cancel();
    }
    a.url.complete(url);
    return login.await();
  }

  private LoginResult device(Attempt a) throws IOException {
    DevicePrompt shown =
        code -> {
          try {
            setup.prompt().show(code);
          } finally {
            a.url.complete(code.verificationUriComplete().orElse(code.verificationUri()));
          }
        };
    DeviceLogin login =
        new DeviceLogin(setup.config(), setup.deviceTimeout(), shown, null, setup.sleeper());
    a.stop = login::cancel;
    if (a.cancelled) {
      throw new LoginTimeoutException("the sign-in was cancelled");
    }
    return login.login();
  }

  /**
   * The login hint: the configured one, else the expected e-mail, else the verified e-mail of
   * whoever signed in before, so the provider pre-fills it (and the login expects that address).
   */
  private @Nullable String hint() {
    Optional<String> configured = setup.config().loginHint();
    if (configured.isPresent()) {
      return configured.get();
    }
    String expected = setup.config().expectedEmail(null);
    if (expected != null) {
      return expected;
    }
    Identity before = identity.get();
    return before != null && before.emailVerified() ? before.email().orElse(null) : null;
  }

  /** Stores the tokens of a verified sign-in unless it was cancelled meanwhile. */
  private TokenSet keep(Attempt a, LoginResult r) throws IOException {
    Identity who = r.identity().orElse(null);
    TokenSet tokens = r.tokens();
    store.update(
        current -> {
          if (a.cancelled) {
            throw new LoginTimeoutException("the sign-in was cancelled");
          }
          return tokens;
        });
    if (who != null) {
      identity.set(who);
    }
    return tokens;
  }

  /** The outcome of {@code future} within {@code timeout}, unwrapped. */
  private static <T> T await(CompletableFuture<T> future, Duration timeout) throws IOException {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the sign-in");
    } catch (TimeoutException e) {
      throw new LoginTimeoutException(
          "no sign-in within " + timeout.toSeconds() + " s; sign in again");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IOException(String.valueOf(cause), cause);
    }
  }

  @Override
  public String toString() {
    return (setup.device() ? "device code" : "browser") + ", store=" + store.describe();
  }
}
