package dev.lanyard.grant;

import dev.lanyard.Scope;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a session obtains tokens without a person: the shape of a token request, no I/O.
 *
 * <p>A grant that {@linkplain #canReauthenticate() can re-authenticate} (client credentials, a
 * password) lets a session sign in again when its refresh token dies; one that cannot (a refresh
 * token obtained elsewhere, a static token) ends in "login required". {@code toString()} never
 * shows a secret.
 */
public sealed interface Grant permits Grant.EndpointGrant, Grant.StaticToken {

  /** True when this grant can obtain fresh tokens again, without a person, whenever asked. */
  boolean canReauthenticate();

  /** The client credentials grant (RFC 6749 §4.4): a service signs in as itself. */
  static ClientCredentials clientCredentials(Scope scope) {
    return new ClientCredentials(scope);
  }

  /** The client credentials grant with the provider's default scope. */
  static ClientCredentials clientCredentials() {
    return new ClientCredentials(Scope.EMPTY);
  }

  /** The resource owner password grant (RFC 6749 §4.3). */
  static Password password(String username, String password) {
    return new Password(username, password, Scope.EMPTY, null);
  }

  /** A refresh token obtained elsewhere; when it dies, a person must sign in again. */
  static RefreshToken refreshToken(String refreshToken) {
    return new RefreshToken(refreshToken, Scope.EMPTY);
  }

  /** A static token such as a personal access token: no endpoint, never refreshed. */
  static StaticToken staticToken(String token) {
    return new StaticToken(token, null);
  }

  /**
   * Redeems an authorization code (RFC 6749 §4.1.3) with its PKCE {@code code_verifier} (RFC 7636).
   * Used once by a login; a code cannot sign in again.
   */
  static AuthorizationCode authorizationCode(String code, URI redirectUri, String codeVerifier) {
    return new AuthorizationCode(code, redirectUri, codeVerifier);
  }

  /** Polls for the tokens of a device authorization (RFC 8628 §3.4). */
  static DeviceCode deviceCode(String deviceCode) {
    return new DeviceCode(deviceCode, null);
  }

  /** Polls for the tokens of a device authorization that was started with a PKCE challenge. */
  static DeviceCode deviceCode(String deviceCode, String codeVerifier) {
    return new DeviceCode(deviceCode, Objects.requireNonNull(codeVerifier, "codeVerifier"));
  }

  /**
   * Token exchange (RFC 8693): trades a token someone else holds, e.g. the access token a web app
   * was launched with, for a token of this client, e.g. with another audience. The subject token is
   * an access token unless {@linkplain TokenExchange#withSubjectTokenType said otherwise}.
   *
   * <pre>{@code
   * TokenSession api = TokenSession.builder()
   *     .issuer(issuer)
   *     .client(ClientAuthentication.secretBasic("service", secret))
   *     .grant(Grant.tokenExchange(userAccessToken).withAudience("lab-api"))
   *     .build();
   * }</pre>
   *
   * <p>A fixed subject token is good once: such a grant cannot re-authenticate. Pass a {@link
   * #tokenExchange(Supplier) supplier} of subject tokens to let a session exchange again.
   */
  static TokenExchange tokenExchange(String subjectToken) {
    return TokenExchange.of(new TokenExchange.FixedToken(subjectToken, "subjectToken"));
  }

  /**
   * Token exchange with a source of fresh subject tokens, asked on every exchange, e.g. {@code ()
   * -> userSession.accessToken()} wrapped to throw {@link java.io.UncheckedIOException}: a session
   * with this grant exchanges again whenever its tokens run out.
   */
  static TokenExchange tokenExchange(Supplier<String> subjectTokens) {
    return TokenExchange.of(Objects.requireNonNull(subjectTokens, "subjectTokens"));
  }

  /** A grant that is sent to the token endpoint. */
  sealed interface EndpointGrant extends Grant
      permits ClientCredentials,
          Password,
          RefreshToken,
          AuthorizationCode,
          DeviceCode,
          TokenExchange {
    /** The form parameters of the token request, without client authentication. */
    Map<String, String> parameters();

    /** The scope asked for; empty leaves it to the provider. */
    Scope scope();

    /**
     * True when sending the same request twice is harmless. A refresh with rotation is not: the
     * second request would present a refresh token the first one rotated out.
     */
    default boolean replayable() {
      return true;
    }
  }

  /** Client credentials. */
  final class ClientCredentials implements EndpointGrant {
    private final Scope scope;

    private ClientCredentials(Scope scope) {
      this.scope = Objects.requireNonNull(scope, "scope");
    }

    @Override
    public Scope scope() {
      return scope;
    }

    @Override
    public boolean canReauthenticate() {
      return true;
    }

    @Override
    public Map<String, String> parameters() {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("grant_type", "client_credentials");
      putScope(form, scope);
      return form;
    }

    @Override
    public String toString() {
      return "ClientCredentials{scope=" + scope + '}';
    }
  }

  /** Username and password, optionally with a one-time code (Keycloak's {@code totp} field). */
  final class Password implements EndpointGrant {
    private final String username;
    private final String password;
    private final Scope scope;
    private final Supplier<String> oneTimeCode;

    private Password(String username, String password, Scope scope, Supplier<String> oneTimeCode) {
      if (Objects.requireNonNull(username, "username").isBlank()) {
        throw new IllegalArgumentException("username must not be blank");
      }
      if (Objects.requireNonNull(password, "password").isEmpty()) {
        throw new IllegalArgumentException("password must not be empty");
      }
      this.username = username;
      this.password = password;
      this.scope = Objects.requireNonNull(scope, "scope");
      this.oneTimeCode = oneTimeCode;
    }

    /** This grant asking for the given scope. */
    public Password withScope(Scope scope) {
      return new Password(username, password, scope, oneTimeCode);
    }

    /**
     * This grant with a one-time code. A fixed code works once, so such a grant cannot
     * re-authenticate; pass a {@link #withOneTimeCode(Supplier) supplier} that makes codes to allow
     * it.
     */
    public Password withOneTimeCode(String code) {
      Objects.requireNonNull(code, "code");
      return new Password(username, password, scope, new FixedCode(code));
    }

    /** This grant with a source of fresh one-time codes (e.g. a TOTP generator). */
    public Password withOneTimeCode(Supplier<String> codes) {
      return new Password(username, password, scope, Objects.requireNonNull(codes, "codes"));
    }

    public String username() {
      return username;
    }

    @Override
    public Scope scope() {
      return scope;
    }

    @Override
    public boolean canReauthenticate() {
      return !(oneTimeCode instanceof FixedCode);
    }

    @Override
    public Map<String, String> parameters() {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("grant_type", "password");
      form.put("username", username);
      form.put("password", password);
      putScope(form, scope);
      if (oneTimeCode != null) {
        form.put("totp", oneTimeCode.get());
      }
      return form;
    }

    @Override
    public String toString() {
      return "Password{username="
          + username
          + ", password=[redacted]"
          + (oneTimeCode != null ? ", code=[redacted]" : "")
          + ", scope="
          + scope
          + '}';
    }

    private record FixedCode(String code) implements Supplier<String> {
      @Override
      public String get() {
        return code;
      }

      @Override
      public String toString() {
        return "[redacted]";
      }
    }
  }

  /** A refresh token (RFC 6749 §6). */
  final class RefreshToken implements EndpointGrant {
    private final String refreshToken;
    private final Scope scope;

    private RefreshToken(String refreshToken, Scope scope) {
      if (Objects.requireNonNull(refreshToken, "refreshToken").isEmpty()) {
        throw new IllegalArgumentException("refreshToken must not be empty");
      }
      this.refreshToken = refreshToken;
      this.scope = Objects.requireNonNull(scope, "scope");
    }

    /** This grant asking for a narrower scope than originally granted. */
    public RefreshToken withScope(Scope scope) {
      return new RefreshToken(refreshToken, scope);
    }

    public String refreshToken() {
      return refreshToken;
    }

    @Override
    public Scope scope() {
      return scope;
    }

    @Override
    public boolean canReauthenticate() {
      return false;
    }

    @Override
    public boolean replayable() {
      return false;
    }

    @Override
    public Map<String, String> parameters() {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("grant_type", "refresh_token");
      form.put("refresh_token", refreshToken);
      putScope(form, scope);
      return form;
    }

    @Override
    public String toString() {
      return "RefreshToken{refreshToken=[redacted], scope=" + scope + '}';
    }
  }

  /** An authorization code with its redirect URI and PKCE verifier; single use. */
  final class AuthorizationCode implements EndpointGrant {
    private final String code;
    private final URI redirectUri;
    private final String codeVerifier;

    private AuthorizationCode(String code, URI redirectUri, String codeVerifier) {
      if (Objects.requireNonNull(code, "code").isEmpty()) {
        throw new IllegalArgumentException("code must not be empty");
      }
      if (Objects.requireNonNull(codeVerifier, "codeVerifier").isEmpty()) {
        throw new IllegalArgumentException("codeVerifier must not be empty");
      }
      this.code = code;
      this.redirectUri = Objects.requireNonNull(redirectUri, "redirectUri");
      this.codeVerifier = codeVerifier;
    }

    public URI redirectUri() {
      return redirectUri;
    }

    @Override
    public Scope scope() {
      return Scope.EMPTY;
    }

    @Override
    public boolean canReauthenticate() {
      return false;
    }

    /** A code is redeemed once: a replay after the provider used it is refused, or worse. */
    @Override
    public boolean replayable() {
      return false;
    }

    @Override
    public Map<String, String> parameters() {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("grant_type", "authorization_code");
      form.put("code", code);
      form.put("redirect_uri", redirectUri.toString());
      form.put("code_verifier", codeVerifier);
      return form;
    }

    @Override
    public String toString() {
      return "AuthorizationCode{code=[redacted], redirectUri="
          + redirectUri
          + ", codeVerifier=[redacted]}";
    }
  }

  /** A device code being polled for, with the PKCE verifier when the request carried one. */
  final class DeviceCode implements EndpointGrant {
    private final String deviceCode;
    private final String codeVerifier;

    private DeviceCode(String deviceCode, String codeVerifier) {
      if (Objects.requireNonNull(deviceCode, "deviceCode").isEmpty()) {
        throw new IllegalArgumentException("deviceCode must not be empty");
      }
      if (codeVerifier != null && codeVerifier.isEmpty()) {
        throw new IllegalArgumentException("codeVerifier must not be empty");
      }
      this.deviceCode = deviceCode;
      this.codeVerifier = codeVerifier;
    }

    @Override
    public Scope scope() {
      return Scope.EMPTY;
    }

    @Override
    public boolean canReauthenticate() {
      return false;
    }

    /** A poll that issued tokens uses the device code up; the poller decides what to repeat. */
    @Override
    public boolean replayable() {
      return false;
    }

    @Override
    public Map<String, String> parameters() {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("grant_type", "urn:ietf:params:oauth:grant-type:device_code");
      form.put("device_code", deviceCode);
      if (codeVerifier != null) {
        form.put("code_verifier", codeVerifier);
      }
      return form;
    }

    @Override
    public String toString() {
      return "DeviceCode{deviceCode=[redacted]"
          + (codeVerifier != null ? ", codeVerifier=[redacted]" : "")
          + '}';
    }
  }

  /**
   * A token exchange request (RFC 8693 §2.1): the subject token and its type, optionally an actor
   * token, the audience, resource, requested token type and scope. Derive changed copies with the
   * {@code with...} methods; each of audience, resource and actor may be set once.
   */
  final class TokenExchange implements EndpointGrant {
    private static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";

    private final Supplier<String> subject;
    private final TokenType subjectType;
    private final Supplier<String> actor;
    private final TokenType actorType;
    private final String audience;
    private final URI resource;
    private final TokenType requestedType;
    private final Scope scope;

    private TokenExchange(
        Supplier<String> subject,
        TokenType subjectType,
        Supplier<String> actor,
        TokenType actorType,
        String audience,
        URI resource,
        TokenType requestedType,
        Scope scope) {
      this.subject = subject;
      this.subjectType = Objects.requireNonNull(subjectType, "subjectTokenType");
      this.actor = actor;
      this.actorType = actorType;
      this.audience = audience;
      this.resource = resource;
      this.requestedType = requestedType;
      this.scope = Objects.requireNonNull(scope, "scope");
    }

    private static TokenExchange of(Supplier<String> subject) {
      return new TokenExchange(
          subject, TokenType.ACCESS_TOKEN, null, null, null, null, null, Scope.EMPTY);
    }

    /** This exchange with a subject token of another type, e.g. {@link TokenType#ID_TOKEN}. */
    public TokenExchange withSubjectTokenType(TokenType type) {
      return new TokenExchange(
          subject, type, actor, actorType, audience, resource, requestedType, scope);
    }

    /** This exchange on behalf of an actor (delegation, RFC 8693 §1.1), e.g. a service token. */
    public TokenExchange withActorToken(String actorToken, TokenType type) {
      return withActor(new FixedToken(actorToken, "actorToken"), type);
    }

    /** This exchange with a source of fresh actor tokens, asked on every exchange. */
    public TokenExchange withActorToken(Supplier<String> actorTokens, TokenType type) {
      return withActor(Objects.requireNonNull(actorTokens, "actorTokens"), type);
    }

    private TokenExchange withActor(Supplier<String> newActor, TokenType type) {
      Objects.requireNonNull(type, "type");
      if (actor != null) {
        throw new IllegalStateException("actorToken was already set");
      }
      return new TokenExchange(
          subject, subjectType, newActor, type, audience, resource, requestedType, scope);
    }

    /**
     * The logical name of the service the token is meant for, e.g. a client id at Keycloak. One
     * audience per request: the form this grant sends holds each parameter once.
     */
    public TokenExchange withAudience(String audience) {
      if (Objects.requireNonNull(audience, "audience").isBlank()) {
        throw new IllegalArgumentException("audience must not be blank");
      }
      if (this.audience != null) {
        throw new IllegalStateException("audience was already set to " + this.audience);
      }
      return new TokenExchange(
          subject, subjectType, actor, actorType, audience, resource, requestedType, scope);
    }

    /** The URI of the resource the token is meant for (absolute, no fragment; RFC 8707). */
    public TokenExchange withResource(URI resource) {
      Objects.requireNonNull(resource, "resource");
      if (!resource.isAbsolute() || resource.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "resource must be an absolute URI without a fragment, was " + resource);
      }
      if (this.resource != null) {
        throw new IllegalStateException("resource was already set to " + this.resource);
      }
      return new TokenExchange(
          subject, subjectType, actor, actorType, audience, resource, requestedType, scope);
    }

    /** The type of token wanted, e.g. {@link TokenType#REFRESH_TOKEN}; default: the provider's. */
    public TokenExchange withRequestedTokenType(TokenType type) {
      return new TokenExchange(
          subject,
          subjectType,
          actor,
          actorType,
          audience,
          resource,
          Objects.requireNonNull(type, "type"),
          scope);
    }

    /** This exchange asking for the given scope. */
    public TokenExchange withScope(Scope scope) {
      return new TokenExchange(
          subject, subjectType, actor, actorType, audience, resource, requestedType, scope);
    }

    public TokenType subjectTokenType() {
      return subjectType;
    }

    public Optional<TokenType> actorTokenType() {
      return Optional.ofNullable(actorType);
    }

    public Optional<String> audience() {
      return Optional.ofNullable(audience);
    }

    public Optional<URI> resource() {
      return Optional.ofNullable(resource);
    }

    public Optional<TokenType> requestedTokenType() {
      return Optional.ofNullable(requestedType);
    }

    @Override
    public Scope scope() {
      return scope;
    }

    /** True when the subject (and actor) tokens come from suppliers, so they can be asked again. */
    @Override
    public boolean canReauthenticate() {
      return !(subject instanceof FixedToken) && !(actor instanceof FixedToken);
    }

    @Override
    public Map<String, String> parameters() {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("grant_type", GRANT_TYPE);
      form.put("subject_token", supplied(subject, "subject"));
      form.put("subject_token_type", subjectType.uri());
      if (actor != null) {
        form.put("actor_token", supplied(actor, "actor"));
        form.put("actor_token_type", actorType.uri());
      }
      if (resource != null) {
        form.put("resource", resource.toString());
      }
      if (audience != null) {
        form.put("audience", audience);
      }
      if (requestedType != null) {
        form.put("requested_token_type", requestedType.uri());
      }
      putScope(form, scope);
      return form;
    }

    private static String supplied(Supplier<String> tokens, String which) {
      String token = tokens.get();
      if (token == null || token.isEmpty()) {
        throw new IllegalStateException("the " + which + " token supplier gave no token");
      }
      return token;
    }

    @Override
    public String toString() {
      return "TokenExchange{subjectToken=[redacted], subjectTokenType="
          + subjectType
          + (actor != null ? ", actorToken=[redacted], actorTokenType=" + actorType : "")
          + (audience != null ? ", audience=" + audience : "")
          + (resource != null ? ", resource=" + resource : "")
          + (requestedType != null ? ", requestedTokenType=" + requestedType : "")
          + ", scope="
          + scope
          + '}';
    }

    /**
     * A token type identifier (RFC 8693 §3), e.g. {@link #ACCESS_TOKEN}; any other URI with {@link
     * #of(String)}.
     *
     * @param uri the identifier, e.g. {@code urn:ietf:params:oauth:token-type:jwt}
     */
    public record TokenType(String uri) {
      public static final TokenType ACCESS_TOKEN =
          new TokenType("urn:ietf:params:oauth:token-type:access_token");
      public static final TokenType REFRESH_TOKEN =
          new TokenType("urn:ietf:params:oauth:token-type:refresh_token");
      public static final TokenType ID_TOKEN =
          new TokenType("urn:ietf:params:oauth:token-type:id_token");
      public static final TokenType JWT = new TokenType("urn:ietf:params:oauth:token-type:jwt");
      public static final TokenType SAML1 = new TokenType("urn:ietf:params:oauth:token-type:saml1");
      public static final TokenType SAML2 = new TokenType("urn:ietf:params:oauth:token-type:saml2");

      public TokenType {
        Objects.requireNonNull(uri, "uri");
        if (uri.isBlank()
            || uri.chars().anyMatch(Character::isWhitespace)
            || uri.indexOf(':') < 1) {
          throw new IllegalArgumentException("a token type is an absolute URI, was '" + uri + "'");
        }
      }

      /** The token type with this identifier. */
      public static TokenType of(String uri) {
        return new TokenType(uri);
      }

      @Override
      public String toString() {
        return uri;
      }
    }

    /** A token given once; shown redacted. */
    private record FixedToken(String token) implements Supplier<String> {
      FixedToken(String token, String name) {
        this(nonEmpty(token, name));
      }

      private static String nonEmpty(String token, String name) {
        if (Objects.requireNonNull(token, name).isEmpty()) {
          throw new IllegalArgumentException(name + " must not be empty");
        }
        return token;
      }

      @Override
      public String get() {
        return token;
      }

      @Override
      public String toString() {
        return "[redacted]";
      }
    }
  }

  /** A token used as it is, e.g. a personal access token, with an optional expiry. */
  final class StaticToken implements Grant {
    private final String token;
    private final Instant expiresAt;

    private StaticToken(String token, Instant expiresAt) {
      if (Objects.requireNonNull(token, "token").isEmpty()) {
        throw new IllegalArgumentException("token must not be empty");
      }
      this.token = token;
      this.expiresAt = expiresAt;
    }

    /** This token, known to expire at the given time. */
    public StaticToken expiringAt(Instant expiresAt) {
      return new StaticToken(token, Objects.requireNonNull(expiresAt, "expiresAt"));
    }

    public String token() {
      return token;
    }

    public Optional<Instant> expiresAt() {
      return Optional.ofNullable(expiresAt);
    }

    @Override
    public boolean canReauthenticate() {
      return false;
    }

    @Override
    public String toString() {
      return "StaticToken{token=[redacted], expiresAt="
          + (expiresAt != null ? expiresAt : "never")
          + '}';
    }
  }

  private static void putScope(Map<String, String> form, Scope scope) {
    if (!scope.isEmpty()) {
      form.put("scope", scope.toString());
    }
  }
}
