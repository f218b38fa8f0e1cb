package dev.lanyard.login;

import dev.lanyard.InvalidTokenException;
import dev.lanyard.MalformedResponseException;
import dev.lanyard.login.provider.CallbackProvider;
import dev.lanyard.login.provider.CallbackResponse;
import dev.lanyard.login.provider.Credentials;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Signs people in to a web application that owns its callback URL, with a {@linkplain
 * CallbackProvider provider plug-in} (a service whose callback is not OAuth): {@link WebLogin}'s
 * counterpart.
 *
 * <pre>{@code
 * CallbackProvider labArchives = LabArchives.fromEnvironment().provider();
 * ProviderWebLogin web = ProviderWebLogin.builder(labArchives).build();
 *
 * // GET /login
 * URI callback = URI.create("https://portal.example.org/labarchives/callback");
 * response.sendRedirect(web.loginUrl(callback).toString());
 *
 * // GET /labarchives/callback?lanyard_state=...&email=...&auth_code=...: pass every parameter
 * Map<String, String> params = new HashMap<>();
 * req.getParameterMap().forEach((name, values) -> params.put(name, values[0]));
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
 */
public final class ProviderWebLogin {
  /** The query parameter added to the callback URL to tie a callback to its sign-in. */
  public static final String STATE_PARAMETER = "lanyard_state";

  private final CallbackProvider provider;
  private final PendingLoginStore store;
  private final Transport transport;
  private final InstantSource clock;
  private final boolean withState;

  private ProviderWebLogin(Builder b) {
    this.provider = b.provider;
    this.store = b.store;
    this.transport = b.transport;
    this.clock = b.clock;
    this.withState = b.withState;
  }

  /** A builder for signing people in to {@code provider}. */
  public static Builder builder(CallbackProvider provider) {
    return new Builder(provider);
  }

  /**
   * Starts a sign-in: remembers it, and returns the provider's login URL to redirect the browser
   * to. {@code callbackUrl} must be HTTPS (or loopback HTTP) and may have a query of its own.
   */
  public URI loginUrl(URI callbackUrl) throws IOException {
    PendingLogins.checkCallbackUrl(callbackUrl, transport);
    if (!withState) {
      return provider.loginUrl(callbackUrl);
    }
    PendingLogin pending =
        PendingLogin.create(callbackUrl, null, PendingLogins.expiry(store, clock));
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
  public Credentials complete(Map<String, String> callbackParameters) throws IOException {
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
      PendingLogins.take(store, state, STATE_PARAMETER, clock);
    }
    if (response instanceof CallbackResponse.Denied denied) {
      throw denied.error();
    }
    Credentials c = provider.redeem((CallbackResponse.Accepted) response);
    c.requireProvider(provider.id());
    return c;
  }

  @Override
  public String toString() {
    return "ProviderWebLogin{provider=" + provider.id() + ", store=" + store + '}';
  }

  /** Builds a {@link ProviderWebLogin}. */
  public static final class Builder {
    private final CallbackProvider provider;
    private PendingLoginStore store = PendingLoginStore.inMemory();
    private Transport transport = Transport.defaults();
    private InstantSource clock = InstantSource.system();
    private boolean withState = true;

    private Builder(CallbackProvider provider) {
      this.provider = Objects.requireNonNull(provider, "provider");
    }

    /**
     * Where started sign-ins wait for their callback, and for how long; default {@link
     * PendingLoginStore#inMemory()}: 10,000 at most, 10 minutes each.
     */
    public Builder pendingLoginStore(PendingLoginStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Decides whether a callback URL is secure enough; default {@link Transport#defaults()}. */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /** The clock that judges expiry; default system. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Leaves the {@value ProviderWebLogin#STATE_PARAMETER} parameter out, for a provider that drops
     * the query of the callback URL. The application must then tie each callback to the browser
     * session that started the sign-in itself (a random path, a session cookie), or anyone can sign
     * a person in as someone else.
     */
    public Builder withoutState() {
      this.withState = false;
      return this;
    }

    /** The login. */
    public ProviderWebLogin build() {
      return new ProviderWebLogin(this);
    }
  }
}
