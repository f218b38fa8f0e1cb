package dev.lanyard.session;

import dev.lanyard.DpopKey;
import dev.lanyard.LoginRequiredException;
import dev.lanyard.LoginTimeoutException;
import dev.lanyard.NoCredentialsException;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.grant.StaticTokenGrant;
import dev.lanyard.internal.grant.PersonSignIn;
import dev.lanyard.internal.grant.TokenSets;
import dev.lanyard.internal.time.CoarseClock;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.store.TokenStore;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One valid token for one identity, for as long as it can be had.
 *
 * <p>{@link #token()} with a fresh token is a volatile read and a comparison: no lock, no
 * allocation, no I/O. Inside the refresh-ahead margin it still answers at once and starts one
 * refresh in the background. Once the token is expired ({@code now + skew >= expiresAt}) callers
 * wait, with a deadline, for the single refresh in flight. Refreshes run in the store's exclusive
 * section, so sessions in other threads and processes sharing the store make one refresh between
 * them, and a rotated refresh token is saved before anything else can use it. {@link #tokenAsync()}
 * is the same without a blocked thread: a future that the refresh in flight completes.
 *
 * <pre>{@code
 * TokenSession session = TokenSession.builder()
 *     .issuer(URI.create("https://id.example.org/realms/lab"))
 *     .client(ClientAuthentication.secretBasic("service", secret))
 *     .grant(Grant.clientCredentials())
 *     .build();
 * request.header("Authorization", session.authorizationHeader());
 * }</pre>
 */
public final class TokenSession {
  private static final Logger log = LoggerFactory.getLogger(TokenSession.class);

  /** A failed refresh-ahead pauses ± this fraction, so sessions that failed together spread out. */
  static final double JITTER = 0.2;

  private final InstantSource clock;
  private final Margins margins;
  private final Renewal renewal;
  private final TokenStore store;
  private final Duration waitTimeout;
  private final Duration aheadRetryPause;
  private final Executor executor;
  private final Listeners listeners;
  private final Object publishLock = new Object();
  private final AtomicReference<Flight> inFlight = new AtomicReference<>();

  /** {@link #clear()} calls between forgetting the tokens here and in the store. */
  private final AtomicInteger clearing = new AtomicInteger();

  private final Revoker revoker;

  /** Asked when only a person can renew the tokens; null unless the store is an interactive one. */
  private final @Nullable PersonSignIn person;

  private volatile State state = State.EMPTY;
  private volatile long aheadPausedUntil = Long.MIN_VALUE;

  private TokenSession(Builder b) {
    this.clock = b.clock;
    this.store = b.store;
    this.margins = new Margins(b.skew, b.refreshAhead);
    this.waitTimeout = b.waitTimeout;
    this.aheadRetryPause = b.aheadRetryPause;
    this.executor = b.executor != null ? b.executor : RefreshThreads.executor();
    this.listeners = new Listeners(b.listeners);
    this.renewal =
        new Renewal(
            b.providerSource(),
            b.client,
            b.grant,
            store,
            clock,
            margins,
            b.defaultLifetime,
            b.dpopKey);
    this.renewal.noCredentialsHint(b.noCredentialsHint);
    this.revoker = new Revoker(b.providerSource(), b.client, b.transport);
    this.person = store instanceof PersonSignIn p ? p : null;
    if (b.tokens != null) {
      this.state = margins.state(b.tokens, 0);
    }
  }

  /** A builder with the defaults: memory store, coarse clock, 30 s skew, 60 s refresh-ahead. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A session from the conventional variables {@code LANYARD_ISSUER} (or {@code
   * LANYARD_TOKEN_ENDPOINT}), {@code LANYARD_CLIENT_ID}, {@code LANYARD_CLIENT_SECRET}, {@code
   * LANYARD_USERNAME}/{@code LANYARD_PASSWORD} and {@code LANYARD_SCOPE}: see {@link
   * #environmentBuilder(String)}.
   *
   * @throws IOException when the {@code .env} file or a CA bundle the variables name cannot be read
   * @throws IllegalArgumentException naming the variable whose value is unusable
   */
  public static TokenSession fromEnvironment() throws IOException {
    return environmentBuilder(EnvironmentSession.DEFAULT_PREFIX).build();
  }

  /**
   * A session from variables with an SDK's own prefix, e.g. {@code "MYAPI"} for {@code
   * MYAPI_CLIENT_ID}: see {@link #environmentBuilder(String)}.
   *
   * @throws IOException when the {@code .env} file or a CA bundle the variables name cannot be read
   * @throws IllegalArgumentException naming the variable whose value is unusable
   */
  public static TokenSession fromEnvironment(String prefix) throws IOException {
    return environmentBuilder(prefix).build();
  }

  /**
   * A builder set from the process's environment, to which a store, listeners or margins can be
   * added. With {@code P} the prefix:
   *
   * <ul>
   *   <li>{@code P_ISSUER} (discovery) or {@code P_TOKEN_ENDPOINT}; {@code P_CLIENT_ID}; {@code
   *       P_SCOPE} (space-separated);
   *   <li>{@code P_USERNAME} and {@code P_PASSWORD}: the password grant; else {@code
   *       P_CLIENT_SECRET}: the client credentials grant. A client secret authenticates the client
   *       ({@code client_secret_basic}) in both cases;
   *   <li>proxies and CA bundle as {@link dev.lanyard.transport.EnvironmentTransport} reads them.
   * </ul>
   *
   * <p>A {@code .env} file in the working directory may give {@code P_CLIENT_SECRET} and {@code
   * P_PASSWORD} only (a variable of the process wins): whoever made the directory may have planted
   * it, so it never chooses the issuer, an endpoint, the client or the user (docs/security.md).
   *
   * <p>Without enough variables the session is still built: {@link #hasCredentials()} is false and
   * the first token call fails with {@link NoCredentialsException} naming the variables to set.
   *
   * @param prefix upper-case letters, digits and {@code _}, e.g. {@code "LANYARD"} or {@code
   *     "MYAPI"}
   * @throws IOException when the {@code .env} file or a CA bundle the variables name cannot be read
   * @throws IllegalArgumentException naming the variable whose value is unusable
   */
  public static Builder environmentBuilder(String prefix) throws IOException {
    return EnvironmentSession.builder(prefix, System.getenv(), Path.of("").toAbsolutePath());
  }

  /**
   * A valid token set: at once when fresh, else after the one refresh in flight.
   *
   * @throws dev.lanyard.LoginRequiredException when only a person can get new tokens
   * @throws NoCredentialsException when there is no grant and nothing stored
   * @throws LoginTimeoutException when no refresh ends within the wait timeout
   */
  @SuppressWarnings("NullAway") // a state whose refreshAt is still ahead holds tokens
  public TokenSet token() throws IOException {
    State s = state;
    if (clock.millis() < s.refreshAt) {
      return s.tokens;
    }
    return slowPath(s);
  }

  /**
   * {@link #token()} without blocking: a future complete at once when the token is fresh or inside
   * the refresh-ahead margin, else completed by the one refresh in flight (started on the session's
   * executor when none is). No thread waits for it. It fails with what {@code token()} throws,
   * {@link LoginTimeoutException} after the wait timeout included.
   */
  public CompletableFuture<TokenSet> tokenAsync() {
    State s = state;
    long now = clock.millis();
    if (now < s.refreshAt) {
      return CompletableFuture.completedFuture(s.tokens);
    }
    if (s.usable(now)) {
      renewAheadUnlessPaused(s, now);
      return CompletableFuture.completedFuture(s.tokens);
    }
    return Waits.within(flight(s, Ask.NEEDED), waitTimeout);
  }

  /** A token set that stays valid for at least {@code minValid} (as far as the provider allows). */
  public TokenSet token(Duration minValid) throws IOException {
    Objects.requireNonNull(minValid, "minValid");
    State s = state;
    TokenSet held = s.tokens;
    if (held != null && s.usableFor(clock.millis(), minValid) && clock.millis() < s.refreshAt) {
      return held;
    }
    return renew(s, Ask.needed(minValid));
  }

  /** The access token of {@link #token()}. */
  public String accessToken() throws IOException {
    return token().accessToken();
  }

  /** The {@code Authorization} header value of {@link #token()}, e.g. {@code Bearer eyJ…}. */
  public String authorizationHeader() throws IOException {
    return token().authorizationHeader();
  }

  /** Gets new tokens even though the current ones look valid, e.g. after a 401. */
  public TokenSet forceRefresh() throws IOException {
    State s = state;
    // A session that holds nothing yet forces past what the store holds, not past nothing.
    String current =
        s.tokens != null
            ? s.tokens.accessToken()
            : store.load().map(TokenSet::accessToken).orElse("");
    return renew(s, Ask.force(current));
  }

  /**
   * Gets new tokens unless the rejected access token is already replaced: after a 401, only the
   * caller that sent the current token causes a refresh; the others just use the newer one. Never
   * returns {@code rejectedAccessToken} itself.
   */
  public TokenSet forceRefresh(String rejectedAccessToken) throws IOException {
    Objects.requireNonNull(rejectedAccessToken, "rejectedAccessToken");
    State s = state;
    TokenSet held = s.tokens;
    if (held != null && replaced(s, held, rejectedAccessToken)) {
      return held;
    }
    return renew(s, Ask.force(rejectedAccessToken));
  }

  /**
   * {@link #forceRefresh(String)} without blocking, as {@link #tokenAsync()} is to {@link
   * #token()}: for a 401 answered to an asynchronous call.
   */
  public CompletableFuture<TokenSet> forceRefreshAsync(String rejectedAccessToken) {
    Objects.requireNonNull(rejectedAccessToken, "rejectedAccessToken");
    State s = state;
    TokenSet held = s.tokens;
    if (held != null && replaced(s, held, rejectedAccessToken)) {
      return CompletableFuture.completedFuture(held);
    }
    Ask ask = Ask.force(rejectedAccessToken);
    CompletableFuture<TokenSet> running = flight(s, ask);
    // A refresh already in flight when the token was rejected may have produced that very token.
    return Waits.within(
        running.thenCompose(t -> ask.accepts(t) ? running : flight(state, ask)), waitTimeout);
  }

  /** True when {@code held}, the tokens of {@code s}, no longer carry the rejected token. */
  private boolean replaced(State s, TokenSet held, String rejectedAccessToken) {
    return !held.accessToken().equals(rejectedAccessToken) && s.usable(clock.millis());
  }

  /** The tokens the session holds now, without I/O; they may be expired. */
  public Optional<TokenSet> current() {
    return Optional.ofNullable(state.tokens);
  }

  /** True when the session has anything to sign in with: a grant, or held or stored tokens. */
  public boolean hasCredentials() throws IOException {
    return renewal.hasGrant() || person != null || state.tokens != null || store.load().isPresent();
  }

  /** Fails fast with {@link NoCredentialsException} when {@link #hasCredentials()} is false. */
  public void requireCredentials() throws IOException {
    if (!hasCredentials()) {
      throw renewal.noCredentials();
    }
  }

  /**
   * Forgets the tokens here and in the store; a refresh in flight cannot bring them back. Waits for
   * a refresh running in the store's exclusive section to end.
   */
  public void clear() throws IOException {
    clearing.incrementAndGet();
    try {
      synchronized (publishLock) {
        state = State.empty(state.generation + 1);
      }
      store.clear();
    } finally {
      clearing.decrementAndGet();
    }
  }

  /** Bumped by every {@link #clear()}; for tests. */
  long generation() {
    return state.generation;
  }

  private TokenSet slowPath(State s) throws IOException {
    long now = clock.millis();
    TokenSet held = s.tokens;
    if (held != null && s.usable(now)) {
      renewAheadUnlessPaused(s, now);
      return held;
    }
    return renew(s, Ask.NEEDED);
  }

  /** Runs the refresh on this thread when it starts it: no thread hop on the path that blocks. */
  private TokenSet renew(State seen, Ask ask) throws IOException {
    while (true) {
      Flight running = inFlight.get();
      if (running != null) {
        if (!running.serves(seen)) {
          Waits.awaitEnd(running, waitTimeout); // from before a clear(): not this caller's
          continue;
        }
        // The refresh in flight is newer than anything this caller saw.
        TokenSet tokens = Waits.await(running, waitTimeout);
        if (ask.accepts(tokens)) {
          return tokens;
        }
        continue;
      }
      State current = state;
      TokenSet held = current.tokens;
      if (held != null && current != seen && ask.satisfiedBy(current, clock.millis())) {
        return held;
      }
      Flight mine = new Flight(current.generation);
      if (inFlight.compareAndSet(null, mine)) {
        run(current, ask, mine);
        return Waits.await(mine, waitTimeout);
      }
    }
  }

  /** The refresh in flight, else one started on the executor, else tokens that satisfy now. */
  private CompletableFuture<TokenSet> flight(State seen, Ask ask) {
    while (true) {
      Flight running = inFlight.get();
      if (running != null) {
        if (running.serves(seen)) {
          return running;
        }
        // From before a clear(): not this caller's; wait for it to end, then look again.
        return running.handle((t, e) -> seen).thenCompose(again -> flight(again, ask));
      }
      State current = state;
      if (current != seen && ask.satisfiedBy(current, clock.millis())) {
        return CompletableFuture.completedFuture(current.tokens);
      }
      Flight mine = new Flight(current.generation);
      if (inFlight.compareAndSet(null, mine)) {
        start(current, ask, mine);
        return mine;
      }
    }
  }

  private void renewAheadUnlessPaused(State seen, long now) {
    if (now < aheadPausedUntil || inFlight.get() != null) {
      return;
    }
    Flight mine = new Flight(seen.generation);
    if (inFlight.compareAndSet(null, mine)) {
      start(seen, Ask.AHEAD, mine);
    }
  }

  private void start(State seen, Ask ask, Flight mine) {
    try {
      executor.execute(() -> run(seen, ask, mine));
    } catch (RejectedExecutionException e) {
      inFlight.compareAndSet(mine, null);
      mine.completeExceptionally(e);
    }
  }

  private void run(State seen, Ask ask, Flight future) {
    try {
      TokenSet result = renewOrAskPerson(seen, ask);
      publish(result, seen.generation);
      inFlight.compareAndSet(future, null);
      future.complete(result);
    } catch (Throwable e) {
      Throwable failure = Waits.failure(e);
      boolean background = ask == Ask.AHEAD;
      if (background) {
        long pause = jittered(aheadRetryPause.toMillis(), ThreadLocalRandom.current().nextDouble());
        aheadPausedUntil = clock.millis() + pause;
        log.warn(
            "background token refresh failed, retrying in {} ms: {}", pause, failure.toString());
      }
      if (failure instanceof Exception exception) {
        listeners.refreshFailed(exception, background);
      }
      inFlight.compareAndSet(future, null);
      future.completeExceptionally(failure);
    }
  }

  private TokenSet renewInSection(Optional<TokenSet> stored, State seen, Ask ask)
      throws IOException {
    if (state.generation != seen.generation) {
      throw new LoginRequiredException("the session was cleared; sign in again");
    }
    // While a clear() is between forgetting here and in the store, what is stored is forgotten.
    Optional<TokenSet> adoptable = clearing.get() > 0 ? Optional.empty() : stored;
    return renewal.renew(adoptable, seen.tokens, ask);
  }

  /**
   * The renewal in the store's section; when only a person can renew and the session has one to ask
   * ({@link PersonSignIn}, an interactive session's), that sign-in outside the section, then its
   * tokens saved in the section. A background refresh never asks: the caller that needs a token
   * does, and everyone else waits for that one sign-in as for any renewal in flight.
   */
  private TokenSet renewOrAskPerson(State seen, Ask ask) throws IOException {
    try {
      return store.update(stored -> renewInSection(stored, seen, ask));
    } catch (LoginRequiredException | NoCredentialsException e) {
      if (person == null || ask == Ask.AHEAD || state.generation != seen.generation) {
        throw e;
      }
      TokenSet fresh =
          person.signIn(
              e instanceof LoginRequiredException required
                  ? required
                  : new LoginRequiredException(String.valueOf(e.getMessage()), e));
      return store.update(
          stored -> {
            if (state.generation != seen.generation) {
              throw new LoginRequiredException("the session was cleared; sign in again");
            }
            // The sign-in may have stored these already: then there is nothing to write.
            return stored.filter(s -> TokenSets.sameTokens(s, fresh)).orElse(fresh);
          });
    }
  }

  /** {@code millis} ± {@link #JITTER}, for {@code random} in [0, 1). */
  static long jittered(long millis, double random) {
    return Math.round(millis * (1 - JITTER + 2 * JITTER * random));
  }

  private void publish(TokenSet tokens, long generation) {
    TokenSet previous;
    synchronized (publishLock) {
      State prev = state;
      if (prev.generation != generation) {
        return;
      }
      previous = prev.tokens;
      state = margins.state(tokens, generation);
    }
    if (previous == null || !TokenSets.sameTokens(previous, tokens)) {
      listeners.tokens(tokens);
    }
  }

  /**
   * Signs out at the provider: revokes the refresh token, then the access token (RFC 7009), at the
   * revocation endpoint of the provider's metadata, authenticated as the session's client; then
   * forgets them as {@link #clear()} does. When the provider refuses or cannot be reached, the
   * tokens are kept and the error is thrown, so the caller can try again.
   *
   * @return true when the provider revoked the tokens; false when there were none, or when the
   *     provider offers no revocation endpoint (the tokens are forgotten here all the same)
   */
  public boolean revoke() throws IOException {
    Optional<TokenSet> tokens = current().isPresent() ? current() : store.load();
    boolean revoked = tokens.isPresent() && revoker.revoke(tokens.get());
    clear();
    return revoked;
  }

  @Override
  public String toString() {
    State s = state;
    return "TokenSession{" + renewal + ", store=" + store.describe() + ", tokens=" + s.tokens + '}';
  }

  /** Builds a {@link TokenSession}. */
  public static final class Builder {
    private @Nullable URI issuer;
    private @Nullable URI tokenEndpoint;
    private @Nullable ProviderMetadata provider;
    private @Nullable ClientAuthentication client;
    private @Nullable Grant grant;
    private TokenStore store = TokenStore.memory();
    private InstantSource clock = CoarseClock.get();
    private Transport transport = Transport.defaults();
    private Duration skew = Duration.ofSeconds(30);
    private Duration refreshAhead = Duration.ofSeconds(60);
    private Duration waitTimeout = Duration.ofSeconds(90);
    private Duration defaultLifetime = Duration.ofMinutes(5);
    private Duration aheadRetryPause = Duration.ofSeconds(5);
    private @Nullable Executor executor;
    private @Nullable TokenSet tokens;
    private @Nullable DpopKey dpopKey;
    private final List<TokenListener> listeners = new ArrayList<>();
    @Nullable String noCredentialsHint;

    private Builder() {}

    /** The provider, found by discovery on first use. */
    public Builder issuer(URI issuer) {
      checkUnsetProvider();
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /** Only a token endpoint: enough for non-interactive grants and refresh. */
    public Builder tokenEndpoint(URI tokenEndpoint) {
      checkUnsetProvider();
      this.tokenEndpoint = Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
      return this;
    }

    /** Explicit provider metadata, e.g. from an earlier discovery. */
    public Builder provider(ProviderMetadata provider) {
      checkUnsetProvider();
      this.provider = Objects.requireNonNull(provider, "provider");
      return this;
    }

    private void checkUnsetProvider() {
      Object set = issuer != null ? issuer : tokenEndpoint != null ? tokenEndpoint : provider;
      if (set != null) {
        throw new IllegalStateException("the provider was already set to " + set);
      }
    }

    /**
     * How the session's client authenticates at the token and revocation endpoints; required with
     * an issuer, provider or token endpoint, and settable once.
     */
    public Builder client(ClientAuthentication client) {
      if (this.client != null) {
        throw new IllegalStateException("client was already set to " + this.client);
      }
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** How to get tokens without a person; without one, the session only renews what it holds. */
    public Builder grant(Grant grant) {
      if (this.grant != null) {
        throw new IllegalStateException("grant was already set to " + this.grant);
      }
      this.grant = Objects.requireNonNull(grant, "grant");
      return this;
    }

    /**
     * Tokens the session starts with, e.g. from an interactive login or a URL token; they are
     * handed out while valid and renewed with their refresh token. The store, when it holds tokens
     * of its own, wins at the first renewal.
     */
    public Builder tokens(TokenSet tokens) {
      this.tokens = Objects.requireNonNull(tokens, "tokens");
      return this;
    }

    /**
     * Sender-constrained tokens (RFC 9449): when true, token requests carry DPoP proofs made with a
     * fresh EC P-256 key, which the tokens keep (and the store with them); a refresh uses the key
     * the stored tokens hold. Send API requests with {@code RequestAuthorizer.bearer(session)}: it
     * adds a proof to each request for a DPoP-bound token. Default: false.
     */
    public Builder dpop(boolean enabled) {
      this.dpopKey = enabled ? DpopKey.generate() : null;
      return this;
    }

    /** As {@link #dpop(boolean) dpop(true)}, binding new tokens to {@code key}. */
    public Builder dpopKey(DpopKey key) {
      this.dpopKey = Objects.requireNonNull(key, "key");
      return this;
    }

    /** Where tokens live; default: in memory. */
    public Builder store(TokenStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Tokens count as expired this long before the provider says (default 30 s). */
    public Builder skew(Duration skew) {
      this.skew = nonNegative(skew, "skew");
      return this;
    }

    /** A background refresh starts this long before the skewed expiry (default 60 s). */
    public Builder refreshAhead(Duration refreshAhead) {
      this.refreshAhead = nonNegative(refreshAhead, "refreshAhead");
      return this;
    }

    /**
     * After a failed background refresh, the next one starts no sooner than this, ± 20 % so that
     * sessions that failed together do not retry together (default 5 s). Callers keep getting the
     * still-valid token meanwhile; a caller whose token has expired does not wait for the pause.
     */
    public Builder refreshAheadRetry(Duration pause) {
      this.aheadRetryPause = nonNegative(pause, "refreshAheadRetry");
      return this;
    }

    /** How long a caller waits for a refresh in flight (default 90 s). */
    public Builder waitTimeout(Duration waitTimeout) {
      this.waitTimeout = nonNegative(waitTimeout, "waitTimeout");
      return this;
    }

    /**
     * The lifetime assumed when a token response has no {@code expires_in} and the access token is
     * not a JWT with {@code exp} (default 5 minutes: short, so a wrong guess costs a refresh, not a
     * stream of 401s).
     */
    public Builder defaultLifetime(Duration lifetime) {
      this.defaultLifetime = nonNegative(lifetime, "defaultLifetime");
      return this;
    }

    /**
     * The clock that judges expiry and stamps new tokens; default a coarse system clock that is
     * cheap to read on every {@link TokenSession#token()}. Tests pass a fake one to skip time.
     */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How discovery, token requests and revocation reach the provider (timeouts, retries, proxy,
     * trusted certificates); default {@link Transport#defaults()}.
     */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /** Runs background refreshes; default: a shared pool of daemon threads. */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** Adds a listener told of new tokens and failed refreshes, e.g. for metrics or logs. */
    public Builder listener(TokenListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * The session.
     *
     * @throws IllegalStateException when a grant other than a static token has no issuer, provider
     *     or token endpoint, or when a provider is set without a client
     */
    public TokenSession build() {
      boolean hasEndpoint = issuer != null || tokenEndpoint != null || provider != null;
      if (grant != null && !(grant instanceof StaticTokenGrant) && !hasEndpoint) {
        throw new IllegalStateException(
            "an issuer, provider or token endpoint is required for " + grant);
      }
      if (hasEndpoint && client == null) {
        throw new IllegalStateException("a client is required: call client(...)");
      }
      return new TokenSession(this);
    }

    ProviderSource providerSource() {
      if (provider != null) {
        return ProviderSource.of(provider, transport);
      }
      if (tokenEndpoint != null) {
        return ProviderSource.of(ProviderMetadata.builder(tokenEndpoint).build(), transport);
      }
      if (issuer != null) {
        return ProviderSource.discover(issuer, transport);
      }
      return ProviderSource.NONE;
    }

    private static Duration nonNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + d);
      }
      return d;
    }
  }
}
