package dev.lanyard.login;

import dev.lanyard.AuthorizationDeniedException;
import dev.lanyard.InvalidTokenException;
import dev.lanyard.internal.oauth.AuthorizationResponse;
import dev.lanyard.internal.oauth.AuthorizationUrl;
import dev.lanyard.provider.ProviderMetadata;
import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Signs people in to a web application that owns its callback URL: authorization code with PKCE,
 * {@code state} and {@code nonce}, the pending sign-ins kept in a {@link PendingLoginStore}.
 *
 * <pre>{@code
 * WebLogin web = WebLogin.builder()
 *     .issuer(URI.create("https://id.example.org/realms/lab"))
 *     .client(ClientAuthentication.secretBasic("lab-portal", secret))
 *     .build();
 *
 * // GET /login
 * URI callback = URI.create("https://portal.example.org/callback");
 * response.sendRedirect(web.authorizationUrl(callback).toString());
 *
 * // GET /callback?code=...&state=...&iss=...: pass every query parameter
 * Map<String, String> params = new HashMap<>();
 * req.getParameterMap().forEach((name, values) -> params.put(name, values[0]));
 * LoginResult result = web.complete(params);
 * }</pre>
 *
 * <p>A state is good once, and for the store's {@link PendingLoginStore#lifetime() lifetime} (10
 * minutes by default): an unknown, reused or expired state is refused with {@link
 * InvalidTokenException}. An {@code error} callback ends with {@link AuthorizationDeniedException};
 * an {@code iss} parameter naming another issuer with {@link InvalidTokenException} (RFC 9207).
 *
 * <p>With {@link Builder#dpop(boolean) dpop(true)} every sign-in gets its own key: its thumbprint
 * goes out as {@code dpop_jkt}, the key waits in the {@link PendingLogin}, and {@link #complete}
 * proves it to the token endpoint, so a callback taken by another instance that shares the store
 * redeems the code as the one that started it would. A shared store must keep {@link
 * PendingLogin#dpopKey()} (a secret) with the rest.
 */
public final class WebLogin {
  private final LoginConfig config;
  private final PendingLoginStore store;

  private WebLogin(Builder b) {
    this.config = b.config();
    this.store = b.store;
  }

  /** A builder; a provider and a client are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a sign-in: remembers it, and returns the URL to redirect the browser to. */
  public URI authorizationUrl(URI callbackUrl) throws IOException {
    return authorizationUrl(callbackUrl, Options.NONE);
  }

  /** As {@link #authorizationUrl(URI)}, with a login hint, expected e-mail or extra parameters. */
  public URI authorizationUrl(URI callbackUrl, Options options) throws IOException {
    Objects.requireNonNull(options, "options");
    PendingLogins.checkCallbackUrl(callbackUrl, config.transport());
    ProviderMetadata m = config.provider();
    String hint = options.loginHint != null ? options.loginHint : config.loginHint().orElse(null);
    String expected =
        options.expectedEmail != null ? options.expectedEmail : config.expectedEmail(hint);
    PendingLogin pending =
        PendingLogin.create(
            callbackUrl,
            expected,
            PendingLogins.expiry(store, config.clock()),
            config.newDpopKey());
    URI url = config.authorizationUrl(m, pending, hint, options.parameters);
    store.put(pending);
    return url;
  }

  /**
   * Completes a sign-in from its callback's query parameters: looks the state up and removes it,
   * checks the issuer and error, redeems the code, verifies the ID token with the nonce and the
   * expected e-mail.
   */
  public LoginResult complete(Map<String, String> callbackParameters) throws IOException {
    Map<String, String> params =
        new HashMap<>(Objects.requireNonNull(callbackParameters, "callbackParameters"));
    PendingLogin pending = PendingLogins.take(store, params.get("state"), "state", config.clock());
    ProviderMetadata m = config.provider();
    AuthorizationResponse.checkIssuer(params, m);
    Optional<AuthorizationDeniedException> denied = AuthorizationResponse.error(params);
    if (denied.isPresent()) {
      throw denied.get();
    }
    return config.redeem(m, pending, AuthorizationResponse.code(params));
  }

  @Override
  public String toString() {
    return "WebLogin{" + config + ", store=" + store + '}';
  }

  /**
   * Per sign-in choices: whom to expect, and extra authorization parameters; immutable, e.g. {@code
   * Options.NONE.withLoginHint("ada@example.org").withParameter("prompt", "login")}. The same rules
   * as the login builders apply.
   */
  public static final class Options {
    /** No per sign-in choice: the builder's settings alone. */
    public static final Options NONE = new Options(null, null, Map.of());

    private final @Nullable String loginHint;
    private final @Nullable String expectedEmail;
    private final Map<String, String> parameters;

    private Options(
        @Nullable String loginHint,
        @Nullable String expectedEmail,
        Map<String, String> parameters) {
      this.loginHint = loginHint;
      this.expectedEmail = expectedEmail;
      this.parameters = parameters;
    }

    /**
     * These options with {@code login_hint}; a hint that looks like an e-mail address is also the
     * expected e-mail unless one is set.
     */
    public Options withLoginHint(String loginHint) {
      if (Objects.requireNonNull(loginHint, "loginHint").isBlank()) {
        throw new IllegalArgumentException("loginHint must not be blank");
      }
      return new Options(loginHint, expectedEmail, parameters);
    }

    /** These options with the e-mail address the signed-in person must have. */
    public Options withExpectedEmail(String expectedEmail) {
      Builder check = new Builder();
      check.expectedEmail(expectedEmail);
      return new Options(loginHint, expectedEmail, parameters);
    }

    /**
     * These options with an extra authorization parameter (replacing one of the same name); the
     * security parameters cannot be overridden.
     */
    public Options withParameter(String name, String value) {
      AuthorizationUrl.checkParameter(name, value);
      Map<String, String> p = new LinkedHashMap<>(parameters);
      p.put(name, value);
      return new Options(loginHint, expectedEmail, Collections.unmodifiableMap(p));
    }

    @Override
    public String toString() {
      return "Options{loginHint=" + loginHint + ", parameters=" + parameters.keySet() + '}';
    }
  }

  /** Builds a {@link WebLogin}; a provider and a client are required. */
  public static final class Builder extends LoginBuilder<Builder> {
    private PendingLoginStore store = PendingLoginStore.inMemory();

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * Where started sign-ins wait for their callback, and for how long; default {@link
     * PendingLoginStore#inMemory()}: 10,000 at most, 10 minutes each.
     */
    public Builder pendingLoginStore(PendingLoginStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The login. */
    public WebLogin build() {
      return new WebLogin(this);
    }
  }
}
