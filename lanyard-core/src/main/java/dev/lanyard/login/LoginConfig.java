package dev.lanyard.login;

import dev.lanyard.DpopKey;
import dev.lanyard.IdentityMismatchException;
import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.internal.grant.AuthorizationCodeGrant;
import dev.lanyard.internal.grant.TokenRequests;
import dev.lanyard.internal.http.Endpoints;
import dev.lanyard.internal.http.TokenEndpoint;
import dev.lanyard.internal.oauth.AuthorizationUrl;
import dev.lanyard.internal.oauth.ClientMethods;
import dev.lanyard.internal.oauth.DeviceAuthorization;
import dev.lanyard.internal.oauth.PushedAuthorization;
import dev.lanyard.internal.oauth.Secrets;
import dev.lanyard.internal.text.Printable;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.transport.Transport;
import dev.lanyard.verify.IdTokenVerifier;
import dev.lanyard.verify.Identity;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What every login shares once built: the provider (given, or discovered on first use), the client,
 * what to ask for, whom to expect, and how tokens are checked when they arrive.
 */
final class LoginConfig {
  /** The lifetime assumed when a token response gives none (as the session assumes). */
  private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

  private final @Nullable URI issuer;
  private final ClientAuthentication client;
  private final Scope scope;
  private final @Nullable String loginHint;
  private final @Nullable String expectedEmail;
  private final Map<String, String> parameters;
  private final @Nullable IdTokenVerifier verifier;
  private final @Nullable IdentityCheck identityCheck;
  private final Transport transport;
  private final InstantSource clock;
  private final boolean dpop;
  private final boolean par;
  private final Supplier<@Nullable String> expectedSubject;
  private volatile @Nullable ProviderMetadata provider;
  private volatile @Nullable IdentityCheck defaultCheck;

  LoginConfig(LoginBuilder<?> b) {
    if (b.provider == null && b.issuer == null) {
      throw new IllegalStateException("no provider: set issuer(...) or provider(...)");
    }
    ClientAuthentication c = b.client;
    if (c == null) {
      throw new IllegalStateException("no client: set client(...)");
    }
    this.issuer = b.issuer;
    this.provider = b.provider;
    this.client = c;
    this.scope = AuthorizationUrl.OPENID.union(b.scope);
    this.loginHint = b.loginHint;
    this.expectedEmail = b.expectedEmail;
    this.parameters = Map.copyOf(b.parameters);
    this.verifier = b.verifier;
    this.identityCheck = b.identityCheck;
    this.transport = b.transport;
    this.clock = b.clock;
    this.dpop = b.dpop;
    this.par = b.par;
    this.expectedSubject = b.expectedSubject;
  }

  /** The provider's metadata; discovery runs on first use, not when the login is built. */
  ProviderMetadata provider() throws IOException {
    ProviderMetadata m = provider;
    if (m == null) {
      provider = m = ProviderMetadata.discover(Objects.requireNonNull(issuer), transport);
    }
    return m;
  }

  ClientAuthentication client() {
    return client;
  }

  /** The scope asked for, {@code openid} first. */
  Scope scope() {
    return scope;
  }

  /**
   * A fresh key for one sign-in when the login binds its tokens (RFC 9449), else null. One key per
   * sign-in, never per login object: a web app's instance serves many people, and the key must
   * travel with the sign-in ({@link PendingLogin#dpopKey()}) to whichever instance redeems it.
   */
  @Nullable DpopKey newDpopKey() {
    return dpop ? DpopKey.generate() : null;
  }

  /** What a device authorization request sends. */
  DeviceAuthorization.Request deviceRequest() {
    return new DeviceAuthorization.Request(transport, client, scope, parameters, clock);
  }

  Transport transport() {
    return transport;
  }

  InstantSource clock() {
    return clock;
  }

  Optional<String> loginHint() {
    return Optional.ofNullable(loginHint);
  }

  /**
   * Whom to expect: the explicit address, else a login hint that looks like an e-mail, else null.
   */
  @Nullable String expectedEmail(@Nullable String hint) {
    if (expectedEmail != null) {
      return expectedEmail;
    }
    return Secrets.looksLikeEmail(hint) ? hint : null;
  }

  URI authorizationEndpoint(ProviderMetadata m) {
    URI endpoint =
        m.authorizationEndpoint()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the provider has no authorization endpoint; set one in its metadata"));
    Endpoints.requireSecure(transport, endpoint, "the authorization endpoint");
    return endpoint;
  }

  /**
   * The authorization URL for a pending login; {@code hint} and {@code extra} may be empty. With
   * PAR (configured, or required by the provider) the parameters are pushed first and the URL
   * carries only {@code client_id} and {@code request_uri}.
   */
  URI authorizationUrl(
      ProviderMetadata m, PendingLogin pending, @Nullable String hint, Map<String, String> extra)
      throws IOException {
    Map<String, String> all = new LinkedHashMap<>(parameters);
    all.putAll(extra);
    // RFC 9449 §10: the code is bound to the sign-in's key, so a stolen code is useless without it.
    pending.dpopKey().ifPresent(k -> all.put("dpop_jkt", k.thumbprint()));
    Map<String, String> q =
        AuthorizationUrl.parameters(
            client.clientId(),
            pending.redirectUri(),
            scope,
            pending.state(),
            pending.nonce(),
            pending.codeChallenge(),
            hint,
            all);
    URI endpoint = authorizationEndpoint(m);
    if (PushedAuthorization.wanted(par, m)) {
      return PushedAuthorization.push(transport, m, client, endpoint, q);
    }
    return AuthorizationUrl.withQuery(endpoint, q);
  }

  /** The token endpoint, proving {@code dpopKey} to it (one sign-in's key) unless null. */
  TokenEndpoint tokenEndpoint(ProviderMetadata m, @Nullable DpopKey dpopKey) {
    return ClientMethods.tokenEndpoint(m, client, transport, clock, DEFAULT_LIFETIME, dpopKey);
  }

  /**
   * Redeems the code of a pending login, with the DPoP key it was bound to if any, and checks who
   * signed in. The pending login decides, not this configuration: its code is bound to its key,
   * whichever instance started it.
   *
   * @throws IllegalStateException when this login binds tokens but the pending login came back
   *     without its key (a {@link PendingLoginStore} that does not keep {@link
   *     PendingLogin#dpopKey()})
   */
  LoginResult redeem(ProviderMetadata m, PendingLogin pending, String code) throws IOException {
    DpopKey key = pending.dpopKey().orElse(null);
    if (dpop && key == null) {
      throw new IllegalStateException(
          "the pending sign-in has no DPoP key: its PendingLoginStore must keep"
              + " PendingLogin.dpopKey() (start the sign-in again)");
    }
    AuthorizationCodeGrant grant =
        new AuthorizationCodeGrant(code, pending.redirectUri(), pending.codeVerifier());
    TokenSet tokens = tokenEndpoint(m, key).fetch(TokenRequests.of(grant, scope));
    return finish(m, tokens, pending.nonce(), pending.expectedEmail().orElse(null));
  }

  /**
   * Verifies the ID token (with {@code nonce} unless null) and the expected e-mail. On any failure
   * the tokens are dropped: the caller gets an exception and nothing to store.
   */
  LoginResult finish(
      ProviderMetadata m, TokenSet tokens, @Nullable String nonce, @Nullable String expectedEmail)
      throws IOException {
    Optional<String> idToken = tokens.idToken();
    String subject = expectedSubject.get();
    if (idToken.isEmpty()) {
      if (expectedEmail != null || subject != null) {
        throw new IdentityMismatchException(
            "cannot confirm that "
                + (expectedEmail != null ? expectedEmail : "subject " + subject)
                + " signed in: the provider sent no ID token");
      }
      return new LoginResult(tokens, null);
    }
    IdentityCheck check = identityCheck(m);
    Identity identity = check.verify(idToken.get(), nonce);
    if (expectedEmail != null) {
      check.requireEmail(identity, expectedEmail);
    }
    if (subject != null && !subject.equals(identity.subject())) {
      throw new IdentityMismatchException(
          "expected subject "
              + Printable.line(subject, 200)
              + " but "
              + identity.displayName()
              + " (subject "
              + Printable.line(identity.subject(), 200)
              + ") signed in");
    }
    return new LoginResult(tokens, identity);
  }

  private IdentityCheck identityCheck(ProviderMetadata m) {
    if (identityCheck != null) {
      return identityCheck;
    }
    IdentityCheck c = defaultCheck;
    if (c == null) {
      IdTokenVerifier v =
          verifier != null
              ? verifier
              : IdTokenVerifier.forProvider(m, client.clientId(), transport);
      defaultCheck = c = IdentityCheck.of(v);
    }
    return c;
  }

  @Override
  public String toString() {
    return "provider="
        + (provider != null ? provider : issuer)
        + ", client="
        + client
        + ", scope="
        + scope;
  }
}
