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
public sealed interface Grant
    permits Grant.EndpointGrant, Grant.StaticToken {

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

  /** A grant that is sent to the token endpoint. */
  sealed interface EndpointGrant extends Grant
      permits ClientCredentials, Password, RefreshToken, AuthorizationCode, DeviceCode {
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
     * re-authenticate; pass a {@link #withOneTimeCode(Supplier) supplier} that makes codes to
     * allow it.
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
      return "StaticToken{token=[redacted], expiresAt=" + (expiresAt != null ? expiresAt : "never") + '}';
    }
  }

  private static void putScope(Map<String, String> form, Scope scope) {
    if (!scope.isEmpty()) {
      form.put("scope", scope.toString());
    }
  }
}
