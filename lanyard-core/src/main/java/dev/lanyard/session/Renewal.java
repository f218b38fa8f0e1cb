package dev.lanyard.session;

import dev.lanyard.DpopKey;
import dev.lanyard.LoginRequiredException;
import dev.lanyard.NoCredentialsException;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.grant.StaticTokenGrant;
import dev.lanyard.internal.grant.TokenRequest;
import dev.lanyard.internal.grant.TokenRequests;
import dev.lanyard.internal.grant.TokenSets;
import dev.lanyard.internal.http.TokenEndpoint;
import dev.lanyard.internal.oauth.ClientMethods;
import dev.lanyard.store.TokenStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a session does inside the store's exclusive section: adopt tokens someone else already
 * stored, else refresh, else re-grant, else say a person must sign in.
 *
 * <p>It knows nothing of the session that runs it: the session checks that it was not cleared
 * before it calls {@link #renew}, and publishes what it returns.
 */
final class Renewal {
  private static final Logger log = LoggerFactory.getLogger(Renewal.class);

  private final ProviderSource provider;
  private final @Nullable ClientAuthentication client;
  private final @Nullable Grant grant;
  private final TokenStore store;
  private final InstantSource clock;
  private final Margins margins;
  private final Duration defaultLifetime;

  /** The key new tokens are bound to (RFC 9449); null for bearer tokens. */
  private final @Nullable DpopKey dpopKey;

  /** A grant that cannot re-authenticate (a refresh token from elsewhere) is good once. */
  private final AtomicBoolean initialGrantUnused = new AtomicBoolean(true);

  private volatile @Nullable TokenEndpoint endpoint;

  Renewal(
      ProviderSource provider,
      @Nullable ClientAuthentication client,
      @Nullable Grant grant,
      TokenStore store,
      InstantSource clock,
      Margins margins,
      Duration defaultLifetime,
      @Nullable DpopKey dpopKey) {
    this.provider = provider;
    this.client = client;
    this.grant = grant;
    this.store = store;
    this.clock = clock;
    this.margins = margins;
    this.defaultLifetime = defaultLifetime;
    this.dpopKey = dpopKey;
  }

  /** What to set when there is nothing to sign in with, e.g. the environment's variables. */
  private volatile @Nullable String noCredentialsHint;

  void noCredentialsHint(@Nullable String hint) {
    this.noCredentialsHint = hint;
  }

  boolean hasGrant() {
    return grant != null;
  }

  /**
   * The tokens to keep, inside the store's exclusive section.
   *
   * @param current what the store holds now
   * @param held what the session held when the renewal started, if anything
   */
  TokenSet renew(Optional<TokenSet> current, @Nullable TokenSet held, Ask ask) throws IOException {
    Instant now = clock.instant();
    TokenSet stored = current.orElse(null);
    if (stored != null && ask.satisfiedBy(margins.state(stored, 0), now.toEpochMilli())) {
      return stored; // another thread or process already renewed: no token request
    }
    TokenSet base = stored != null ? stored : held;
    ProviderErrorException refused = null;
    if (base != null && base.refreshValid(Duration.ZERO, now)) {
      try {
        log.debug("refreshing tokens at {} ({})", provider, ask);
        String refreshToken = base.refreshToken().orElseThrow();
        // A bound refresh token is presented with its own key; an unbound one gets bound now.
        DpopKey key = base.dpopKey().orElse(dpopKey);
        TokenSet fresh =
            endpoint().request(TokenRequests.refresh(refreshToken, base.scope()), key).orThrow();
        return TokenSets.mergeRefreshed(base, fresh);
      } catch (ProviderErrorException e) {
        if (!e.isInvalidGrant()) {
          // An outage or a misconfiguration, not a dead refresh token: keep everything, say so.
          throw e;
        }
        refused = e;
        // Someone may have rotated the refresh token without our lock: look once more.
        Optional<TokenSet> reread = store.load();
        if (reread.isPresent()
            && !TokenSets.sameTokens(reread.get(), base)
            && ask.satisfiedBy(margins.state(reread.get(), 0), now.toEpochMilli())) {
          return reread.get();
        }
        log.debug("refresh refused: {}", e.getMessage());
      }
    }
    if (grant != null
        && (grant.canReauthenticate()
            || (base == null && initialGrantUnused.compareAndSet(true, false)))) {
      return obtain(grant, now);
    }
    if (base == null) {
      throw grant == null
          ? noCredentials()
          : new LoginRequiredException(
              "the tokens were cleared and " + grant + " cannot sign in again; sign in again");
    }
    throw loginRequired(base, refused, now);
  }

  private TokenSet obtain(Grant g, Instant now) throws IOException {
    if (g instanceof StaticTokenGrant st) {
      TokenSet.Builder b = TokenSet.builder(st.token().get()).issuedAt(now);
      st.expiresAt().ifPresent(b::expiresAt);
      TokenSet t = b.build();
      if (!t.accessValid(Duration.ZERO, now)) {
        throw new LoginRequiredException(
            "the static token expired at " + st.expiresAt().orElseThrow() + "; create a new one");
      }
      return t;
    }
    log.debug("requesting tokens at {} with {}", provider, g);
    TokenRequest request = TokenRequests.of(g);
    TokenSet t;
    try {
      t = endpoint().request(request, dpopKey).orThrow();
    } catch (ProviderErrorException e) {
      if (e.isInvalidGrant() && !g.canReauthenticate()) {
        throw new LoginRequiredException(
            "the provider refused "
                + g
                + " ("
                + e.error()
                + e.description().map(d -> ": " + d).orElse("")
                + "); sign in again",
            e);
      }
      throw e;
    }
    return request.keepingRefreshToken(t);
  }

  private TokenEndpoint endpoint() throws IOException {
    TokenEndpoint e = endpoint;
    if (e == null) {
      if (!provider.configured()) {
        throw new IllegalStateException(
            "the tokens need renewing but no issuer or token endpoint is configured");
      }
      endpoint =
          e =
              ClientMethods.tokenEndpoint(
                  provider.metadata(),
                  Objects.requireNonNull(
                      client, "client"), // the builder requires one with an endpoint
                  provider.transport(),
                  clock,
                  defaultLifetime,
                  dpopKey);
    }
    return e;
  }

  NoCredentialsException noCredentials() {
    String hint = noCredentialsHint;
    if (hint != null) {
      return new NoCredentialsException(hint);
    }
    return new NoCredentialsException(
        "no credentials configured: no grant, and no tokens in "
            + store.describe()
            + "; sign in first");
  }

  private static LoginRequiredException loginRequired(
      TokenSet base, @Nullable ProviderErrorException refused, Instant now) {
    if (refused != null) {
      return new LoginRequiredException(
          "the provider refused the refresh token ("
              + refused.error()
              + refused.description().map(d -> ": " + d).orElse("")
              + "); sign in again",
          refused);
    }
    if (base.refreshToken().isEmpty()) {
      return new LoginRequiredException(
          "the access token expired and there is no refresh token; sign in again");
    }
    return new LoginRequiredException(
        "the refresh token expired at " + base.refreshExpiresAt().orElse(now) + "; sign in again");
  }

  @Override
  public String toString() {
    return "provider="
        + provider
        + ", client="
        + (client == null ? "none" : client.clientId())
        + ", grant="
        + grant;
  }
}
