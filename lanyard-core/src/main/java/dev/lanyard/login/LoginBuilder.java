package dev.lanyard.login;

import dev.lanyard.Scope;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.internal.oauth.AuthorizationUrl;
import dev.lanyard.internal.oauth.Secrets;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.transport.Transport;
import dev.lanyard.verify.IdTokenVerifier;
import java.net.URI;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The settings every login builder shares. Each value may be set once: a second call is a mistake
 * and fails with the value already set.
 *
 * @param <B> the concrete builder, returned by every setter
 */
abstract class LoginBuilder<B extends LoginBuilder<B>> {
  @Nullable URI issuer;
  @Nullable ProviderMetadata provider;
  @Nullable ClientAuthentication client;
  Scope scope = Scope.EMPTY;
  @Nullable String loginHint;
  @Nullable String expectedEmail;
  final Map<String, String> parameters = new LinkedHashMap<>();
  @Nullable IdTokenVerifier verifier;
  @Nullable IdentityCheck identityCheck;
  Transport transport = Transport.defaults();
  InstantSource clock = InstantSource.system();
  boolean dpop;
  boolean par;

  /** The subject the signed-in person must have, asked at each login; none by default. */
  Supplier<@Nullable String> expectedSubject = () -> null;

  boolean transportSet;
  boolean clockSet;

  LoginBuilder() {}

  abstract B self();

  /** The provider, by OIDC discovery (or RFC 8414) when the login first needs it. */
  public B issuer(URI issuer) {
    checkUnsetProvider();
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    return self();
  }

  /** The provider's metadata, given explicitly or from an earlier discovery. */
  public B provider(ProviderMetadata provider) {
    checkUnsetProvider();
    this.provider = Objects.requireNonNull(provider, "provider");
    return self();
  }

  private void checkUnsetProvider() {
    Object set = issuer != null ? issuer : provider;
    if (set != null) {
      throw new IllegalStateException("the provider was already set to " + set);
    }
  }

  /**
   * Sender-constrained tokens (RFC 9449): when true, each sign-in makes a fresh EC P-256 key, names
   * it in the authorization request ({@code dpop_jkt}), proves it to the token endpoint, and the
   * tokens come back holding it ({@link dev.lanyard.TokenSet#dpopKey()}), so a store keeps it with
   * them. A web login keeps the key in the {@link PendingLogin} until the callback, so any instance
   * that takes the callback redeems the code with it. Default: false.
   */
  public B dpop(boolean enabled) {
    this.dpop = enabled;
    return self();
  }

  /**
   * Pushed authorization requests (RFC 9126): when true, the authorization request's parameters are
   * sent to the provider first, authenticated as the client, and the browser's URL carries only
   * {@code client_id} and {@code request_uri}. Used anyway when the provider's metadata requires it
   * ({@code require_pushed_authorization_requests}). Default: false.
   */
  public B par(boolean enabled) {
    this.par = enabled;
    return self();
  }

  /** The client that signs in, and how it authenticates at the token endpoint. */
  public B client(ClientAuthentication client) {
    if (this.client != null) {
      throw new IllegalStateException("client was already set to " + this.client);
    }
    this.client = Objects.requireNonNull(client, "client");
    return self();
  }

  /**
   * Adds scopes to ask for, e.g. {@code Scope.of("email offline_access")}. {@code openid} is always
   * asked for; calls add up.
   */
  public B scope(Scope scope) {
    this.scope = this.scope.union(Objects.requireNonNull(scope, "scope"));
    return self();
  }

  /**
   * Adds Zitadel's project audience scope, {@code urn:zitadel:iam:org:project:id:{projectId}:aud},
   * so access tokens name that project in their audience.
   */
  public B zitadelProjectAudience(String projectId) {
    return scope(AuthorizationUrl.zitadelProjectAudience(projectId));
  }

  /**
   * Who is expected to sign in, sent as {@code login_hint} so the provider can pre-fill it. A hint
   * that looks like an e-mail address is also the {@linkplain #expectedEmail(String) expected
   * e-mail} unless one is set.
   */
  public B loginHint(String loginHint) {
    if (this.loginHint != null) {
      throw new IllegalStateException("loginHint was already set to " + this.loginHint);
    }
    if (Objects.requireNonNull(loginHint, "loginHint").isBlank()) {
      throw new IllegalArgumentException("loginHint must not be blank");
    }
    this.loginHint = loginHint;
    return self();
  }

  /**
   * The e-mail address the signed-in person must have (verified, compared ignoring case). On a
   * mismatch the login fails with {@link dev.lanyard.IdentityMismatchException} and returns no
   * tokens.
   */
  public B expectedEmail(String expectedEmail) {
    if (this.expectedEmail != null) {
      throw new IllegalStateException("expectedEmail was already set to " + this.expectedEmail);
    }
    if (!Secrets.looksLikeEmail(Objects.requireNonNull(expectedEmail, "expectedEmail"))) {
      throw new IllegalArgumentException(
          "expectedEmail is not an e-mail address: " + expectedEmail);
    }
    this.expectedEmail = expectedEmail;
    return self();
  }

  /**
   * An extra parameter for the provider, e.g. {@code prompt=login}, {@code acr_values}, {@code
   * resource} or {@code audience}. The parameters Lanyard sets for security ({@code state}, {@code
   * nonce}, PKCE, {@code redirect_uri}, ...) cannot be overridden: that is an {@link
   * IllegalArgumentException}.
   */
  public B parameter(String name, String value) {
    AuthorizationUrl.checkParameter(name, value);
    if (parameters.containsKey(name)) {
      throw new IllegalStateException(
          "parameter " + name + " was already set to " + parameters.get(name));
    }
    parameters.put(name, value);
    return self();
  }

  /**
   * How ID tokens are verified; default {@code IdTokenVerifier.forProvider(provider, clientId,
   * transport)}.
   */
  public B verifier(IdTokenVerifier verifier) {
    if (this.verifier != null) {
      throw new IllegalStateException("verifier was already set to " + this.verifier);
    }
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    return self();
  }

  /** How the provider is called; default {@link Transport#defaults()}. */
  public B transport(Transport transport) {
    if (transportSet) {
      throw new IllegalStateException("transport was already set to " + this.transport);
    }
    this.transport = Objects.requireNonNull(transport, "transport");
    transportSet = true;
    return self();
  }

  /** The clock that dates tokens (and, for device and web login, judges expiry); default system. */
  public B clock(InstantSource clock) {
    if (clockSet) {
      throw new IllegalStateException("clock was already set to " + this.clock);
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    clockSet = true;
    return self();
  }

  /** Tests: stands in for the ID-token verifier. */
  B identityCheck(IdentityCheck check) {
    this.identityCheck = Objects.requireNonNull(check, "check");
    return self();
  }

  LoginConfig config() {
    return new LoginConfig(this);
  }
}
