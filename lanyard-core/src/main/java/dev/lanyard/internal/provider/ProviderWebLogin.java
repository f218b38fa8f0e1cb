package dev.lanyard.internal.provider;

import dev.lanyard.InvalidTokenException;
import dev.lanyard.MalformedResponseException;
import dev.lanyard.internal.http.Endpoints;
import dev.lanyard.internal.oauth.Pkce;
import dev.lanyard.internal.oauth.Secrets;
import dev.lanyard.login.PendingLogin;
import dev.lanyard.login.PendingLoginStore;
import dev.lanyard.login.WebLogin;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Signs people in to a web application that owns its callback URL, with a {@linkplain
 * CallbackProvider provider plug-in} (a service whose callback is not OAuth): {@link WebLogin}'s
 * counterpart, which a provider's own module wraps in its public entry point (LabArchives' web
 * login).
 *
 * <pre>{@code
 * ProviderWebLogin<Credentials> web = ProviderWebLogin.builder(provider).build();
 *
 * // GET /login
 * response.sendRedirect(web.loginUrl(callback).toString());
 *
 * // GET /callback?lanyard_state=...&email=...&auth_code=...: pass every parameter
 * Credentials credentials = web.complete(params);
 * }</pre>
 *
 * <p>These callbacks carry no {@code state} of their own, so the callback URL handed to the
 * provider gets a {@value #STATE_PARAMETER} parameter, remembered in a {@link PendingLoginStore}:
 * good once, for the store's {@link PendingLoginStore#lifetime() lifetime} (10 minutes by default).
 * An unknown, reused or expired state is refused with {@link InvalidTokenException}, so a callback
 * cannot sign someone in who did not start the sign-in (login CSRF). A callback the provider finds
 * incomplete is refused with {@link MalformedResponseException} and leaves the sign-in pending; a
 * provider's refusal ends with the provider's error.
 *
 * @param <T> what the login ends with: {@link Credentials}, or the {@link Redeemer}'s result
 */
public final class ProviderWebLogin<T> {
  /** The query parameter added to the callback URL to tie a callback to its sign-in. */
  public static final String STATE_PARAMETER = "lanyard_state";

  private final CallbackProvider provider;
  private final Redeemer<T> redeemer;
  private final PendingLoginStore store;
  private final Transport transport;
  private final InstantSource clock;
  private final boolean withState;

  private ProviderWebLogin(Builder<T> b) {
    this.provider = b.provider;
    this.redeemer = b.redeemer;
    this.store = b.store;
    this.transport = b.transport;
    this.clock = b.clock;
    this.withState = b.withState;
  }

  /** A builder for signing people in to {@code provider}, ending in its {@link Credentials}. */
  public static Builder<Credentials> builder(CallbackProvider provider) {
    return new Builder<>(provider, Redeemer.credentials(provider));
  }

  /** A builder for signing people in to {@code provider}, ending in what {@code redeemer} makes. */
  public static <T> Builder<T> builder(CallbackProvider provider, Redeemer<T> redeemer) {
    return new Builder<>(provider, Objects.requireNonNull(redeemer, "redeemer"));
  }

  /**
   * Starts a sign-in: remembers it, and returns the provider's login URL to redirect the browser
   * to. {@code callbackUrl} must be HTTPS (or loopback HTTP) and may have a query of its own.
   */
  public URI loginUrl(URI callbackUrl) throws IOException {
    checkCallbackUrl(callbackUrl);
    if (!withState) {
      return provider.loginUrl(callbackUrl);
    }
    // A PendingLogin carries a PKCE verifier and a nonce; these sign-ins use neither: random fill.
    PendingLogin pending =
        PendingLogin.of(
            Secrets.random(),
            Pkce.generate().verifier(),
            Secrets.random(),
            callbackUrl,
            clock.instant().plus(store.lifetime()));
    String sep = callbackUrl.getRawQuery() == null ? "?" : "&";
    URI bound =
        URI.create(
            callbackUrl
                + sep
                + STATE_PARAMETER
                + "="
                + URLEncoder.encode(pending.state(), StandardCharsets.UTF_8));
    URI url = provider.loginUrl(bound);
    store.put(pending);
    return url;
  }

  /**
   * Completes a sign-in from its callback's query parameters: checks the state, lets the provider
   * read them, and redeems them into credentials.
   */
  public T complete(Map<String, String> callbackParameters) throws IOException {
    Map<String, String> params =
        new HashMap<>(Objects.requireNonNull(callbackParameters, "callbackParameters"));
    @Nullable String state = params.remove(STATE_PARAMETER);
    CallbackResponse response = provider.read(params);
    if (response instanceof CallbackResponse.Incomplete incomplete) {
      throw new MalformedResponseException(
          "the " + provider.id() + " callback is incomplete (" + incomplete.reason() + "); refused",
          0);
    }
    if (withState) {
      take(state);
    }
    if (response instanceof CallbackResponse.Denied denied) {
      throw denied.error();
    }
    return redeemer.redeem((CallbackResponse.Accepted) response);
  }

  /** As {@link WebLogin}: absolute, with a host, no fragment, HTTPS unless loopback. */
  private void checkCallbackUrl(URI callbackUrl) {
    Objects.requireNonNull(callbackUrl, "callbackUrl");
    if (!callbackUrl.isAbsolute()
        || callbackUrl.getHost() == null
        || callbackUrl.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "callbackUrl must be an absolute URL with a host and no fragment, was " + callbackUrl);
    }
    Endpoints.requireSecure(transport, callbackUrl, "the callback URL");
  }

  /** Takes the pending sign-in of {@code state}: once, and only before it expires. */
  private void take(@Nullable String state) throws InvalidTokenException {
    if (state == null || state.isEmpty()) {
      throw new InvalidTokenException(
          "the callback has no " + STATE_PARAMETER + " parameter; refused");
    }
    Optional<PendingLogin> found = store.take(state);
    if (found.isEmpty()) {
      throw new InvalidTokenException(
          "unknown or already used sign-in state; refused (start the sign-in again)");
    }
    if (!clock.instant().isBefore(found.get().expiresAt())) {
      throw new InvalidTokenException(
          "the sign-in expired at "
              + found.get().expiresAt()
              + "; refused (start the sign-in again)");
    }
  }

  @Override
  public String toString() {
    return "ProviderWebLogin{provider=" + provider.id() + ", store=" + store + '}';
  }

  /** Builds a {@link ProviderWebLogin}. */
  public static final class Builder<T> {
    private final CallbackProvider provider;
    private final Redeemer<T> redeemer;
    private PendingLoginStore store = PendingLoginStore.inMemory();
    private Transport transport = Transport.defaults();
    private InstantSource clock = InstantSource.system();
    private boolean withState = true;

    private Builder(CallbackProvider provider, Redeemer<T> redeemer) {
      this.provider = Objects.requireNonNull(provider, "provider");
      this.redeemer = redeemer;
    }

    /**
     * Where started sign-ins wait for their callback, and for how long; default {@link
     * PendingLoginStore#inMemory()}: 10,000 at most, 10 minutes each.
     */
    public Builder<T> pendingLoginStore(PendingLoginStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Decides whether a callback URL is secure enough; default {@link Transport#defaults()}. */
    public Builder<T> transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /** The clock that judges expiry; default system. */
    public Builder<T> clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Leaves the {@value ProviderWebLogin#STATE_PARAMETER} parameter out, for a provider that drops
     * the query of the callback URL. The application must then tie each callback to the browser
     * session that started the sign-in itself (a random path, a session cookie), or anyone can sign
     * a person in as someone else.
     */
    public Builder<T> withoutState() {
      this.withState = false;
      return this;
    }

    /** The login. */
    public ProviderWebLogin<T> build() {
      return new ProviderWebLogin<>(this);
    }
  }
}
