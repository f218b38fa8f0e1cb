package dev.lanyard.session;

import dev.lanyard.LoginTimeoutException;
import dev.lanyard.NoCredentialsException;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.grant.StaticTokenGrant;
import dev.lanyard.internal.grant.TokenSets;
import dev.lanyard.internal.time.CoarseClock;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.store.TokenStore;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
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
 * them, and a rotated refresh token is saved before anything else can use it.
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
  private static final Duration AHEAD_RETRY_PAUSE = Duration.ofSeconds(5);

  private final InstantSource clock;
  private final Renewal renewal;
  private final TokenStore store;
  private final Duration skew;
  private final Duration refreshAhead;
  private final Duration waitTimeout;
  private final Executor executor;
  private final List<TokenListener> listeners;
  private final Object publishLock = new Object();
  private final AtomicReference<CompletableFuture<TokenSet>> inFlight = new AtomicReference<>();
  private final Revoker revoker;

  private volatile State state = State.EMPTY;
  private volatile long aheadPausedUntil = Long.MIN_VALUE;

  private TokenSession(Builder b) {
    this.clock = b.clock;
    this.store = b.store;
    this.skew = b.skew;
    this.refreshAhead = b.refreshAhead;
    this.waitTimeout = b.waitTimeout;
    this.executor = b.executor != null ? b.executor : RefreshThreads.executor();
    this.listeners = List.copyOf(b.listeners);
    this.renewal = new Renewal(this, b.providerSource(), b.client, b.grant, b.defaultLifetime);
    this.revoker = new Revoker(b.providerSource(), b.client, b.transport);
    if (b.tokens != null) {
      this.state = State.of(b.tokens, skew, refreshAhead, 0);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A valid token set: at once when fresh, else after the one refresh in flight.
   *
   * @throws dev.lanyard.LoginRequiredException when only a person can get new tokens
   * @throws NoCredentialsException when there is no grant and nothing stored
   */
  public TokenSet token() throws IOException {
    State s = state;
    if (clock.millis() < s.refreshAt) {
      return s.tokens;
    }
    return slowPath(s);
  }

  /** A token set that stays valid for at least {@code minValid} (as far as the provider allows). */
  public TokenSet token(Duration minValid) throws IOException {
    Objects.requireNonNull(minValid, "minValid");
    State s = state;
    if (s.usableFor(clock.millis(), minValid) && clock.millis() < s.refreshAt) {
      return s.tokens;
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
   * caller that sent the current token causes a refresh; the others just use the newer one.
   */
  public TokenSet forceRefresh(String rejectedAccessToken) throws IOException {
    Objects.requireNonNull(rejectedAccessToken, "rejectedAccessToken");
    State s = state;
    if (s.tokens != null
        && !s.tokens.accessToken().equals(rejectedAccessToken)
        && s.usable(clock.millis())) {
      return s.tokens;
    }
    return renew(s, Ask.force(rejectedAccessToken));
  }

  /** The tokens the session holds now, without I/O; they may be expired. */
  public Optional<TokenSet> current() {
    return Optional.ofNullable(state.tokens);
  }

  /** True when the session has anything to sign in with: a grant, or held or stored tokens. */
  public boolean hasCredentials() throws IOException {
    return renewal.hasGrant() || state.tokens != null || store.load().isPresent();
  }

  /** Fails fast with {@link NoCredentialsException} when {@link #hasCredentials()} is false. */
  public void requireCredentials() throws IOException {
    if (!hasCredentials()) {
      throw renewal.noCredentials();
    }
  }

  /** Forgets the tokens here and in the store; a refresh in flight cannot bring them back. */
  public void clear() throws IOException {
    synchronized (publishLock) {
      state = State.empty(state.generation + 1);
    }
    store.clear();
  }

  public TokenStore store() {
    return store;
  }

  InstantSource clock() {
    return clock;
  }

  Duration skew() {
    return skew;
  }

  Duration refreshAhead() {
    return refreshAhead;
  }

  long generation() {
    return state.generation;
  }

  private TokenSet slowPath(State s) throws IOException {
    long now = clock.millis();
    if (s.usable(now)) {
      if (now >= aheadPausedUntil) {
        renewInBackground(s);
      }
      return s.tokens;
    }
    return renew(s, Ask.NEEDED);
  }

  private TokenSet renew(State seen, Ask ask) throws IOException {
    while (true) {
      CompletableFuture<TokenSet> running = inFlight.get();
      if (running != null) {
        // The refresh in flight is newer than anything this caller saw.
        return await(running);
      }
      State current = state;
      if (current != seen && ask.satisfiedBy(current, clock.millis())) {
        return current.tokens;
      }
      CompletableFuture<TokenSet> mine = new CompletableFuture<>();
      if (inFlight.compareAndSet(null, mine)) {
        // The caller that starts the refresh runs it: no thread hop on the path that blocks.
        run(current, ask, mine);
        return await(mine);
      }
    }
  }

  private void renewInBackground(State seen) {
    if (inFlight.get() != null) {
      return;
    }
    CompletableFuture<TokenSet> mine = new CompletableFuture<>();
    if (!inFlight.compareAndSet(null, mine)) {
      return;
    }
    try {
      executor.execute(() -> run(seen, Ask.AHEAD, mine));
    } catch (RejectedExecutionException e) {
      inFlight.compareAndSet(mine, null);
      mine.completeExceptionally(e);
    }
  }

  private void run(State seen, Ask ask, CompletableFuture<TokenSet> future) {
    try {
      TokenSet result = store.update(stored -> renewal.renew(stored, seen, ask));
      publish(result, seen.generation);
      inFlight.compareAndSet(future, null);
      future.complete(result);
    } catch (Throwable e) {
      inFlight.compareAndSet(future, null);
      if (ask == Ask.AHEAD) {
        aheadPausedUntil = clock.millis() + AHEAD_RETRY_PAUSE.toMillis();
        log.warn(
            "background token refresh failed, retrying in {} s: {}",
            AHEAD_RETRY_PAUSE.toSeconds(),
            e.toString());
      }
      future.completeExceptionally(e);
    }
  }

  private void publish(TokenSet tokens, long generation) {
    TokenSet previous;
    synchronized (publishLock) {
      State prev = state;
      if (prev.generation != generation) {
        return;
      }
      previous = prev.tokens;
      state = State.of(tokens, skew, refreshAhead, generation);
    }
    if (previous == null || !TokenSets.sameTokens(previous, tokens)) {
      for (TokenListener listener : listeners) {
        try {
          listener.onTokens(tokens);
        } catch (RuntimeException e) {
          log.warn("token listener {} failed: {}", listener.getClass().getName(), e.toString());
        }
      }
    }
  }

  private TokenSet await(CompletableFuture<TokenSet> future) throws IOException {
    try {
      return future.get(waitTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a token");
    } catch (TimeoutException e) {
      throw new LoginTimeoutException(
          "no token within " + waitTimeout.toSeconds() + " s: the provider is slow or unreachable");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof UncheckedIOException uio) {
        throw uio.getCause();
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IOException(cause);
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
    private URI issuer;
    private URI tokenEndpoint;
    private ProviderMetadata provider;
    private ClientAuthentication client;
    private Grant grant;
    private TokenStore store = TokenStore.memory();
    private InstantSource clock = CoarseClock.get();
    private Transport transport = Transport.defaults();
    private Duration skew = Duration.ofSeconds(30);
    private Duration refreshAhead = Duration.ofSeconds(60);
    private Duration waitTimeout = Duration.ofSeconds(90);
    private Duration defaultLifetime = Duration.ofMinutes(5);
    private Executor executor;
    private TokenSet tokens;
    private final List<TokenListener> listeners = new ArrayList<>();

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

    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /** Runs background refreshes; default: a shared pool of daemon threads. */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    public Builder listener(TokenListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

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
