package dev.lanyard.grant;

import dev.lanyard.Scope;
import dev.lanyard.internal.secret.FixedSecret;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a session obtains tokens without a person: the data of a token request, no I/O.
 *
 * <p>A grant that {@linkplain #canReauthenticate() can re-authenticate} (client credentials, a
 * password) lets a session sign in again when its refresh token dies; one that cannot (a refresh
 * token obtained elsewhere, a static token) ends in "login required". Secrets are held as suppliers
 * and asked only when a request is sent; {@code toString()} never shows one.
 */
public sealed interface Grant
    permits ClientCredentialsGrant,
        PasswordGrant,
        RefreshTokenGrant,
        TokenExchangeGrant,
        StaticTokenGrant,
        ExtensionGrant {

  /** True when this grant can obtain fresh tokens again, without a person, whenever asked. */
  boolean canReauthenticate();

  /** The client credentials grant (RFC 6749 §4.4): a service signs in as itself. */
  static ClientCredentialsGrant clientCredentials(Scope scope) {
    return new ClientCredentialsGrant(scope);
  }

  /** The client credentials grant with the provider's default scope. */
  static ClientCredentialsGrant clientCredentials() {
    return new ClientCredentialsGrant(Scope.EMPTY);
  }

  /** The resource owner password grant (RFC 6749 §4.3). */
  static PasswordGrant password(String username, String password) {
    return new PasswordGrant(username, FixedSecret.of(password, "password"), Scope.EMPTY, null);
  }

  /**
   * The resource owner password grant with the password from a supplier (a prompt, a secret
   * manager, an environment variable), asked only when a token request is sent.
   */
  static PasswordGrant password(String username, Supplier<String> password) {
    return new PasswordGrant(
        username, Objects.requireNonNull(password, "password"), Scope.EMPTY, null);
  }

  /**
   * A grant Lanyard does not ship, as data: its {@code grant_type} (an absolute URI such as {@code
   * urn:ietf:params:oauth:grant-type:jwt-bearer}, or a name), then its parameters; see {@link
   * ExtensionGrant}.
   *
   * @throws IllegalArgumentException for a grant type that is neither a name nor an absolute URI
   */
  static ExtensionGrant extension(String grantType) {
    return ExtensionGrant.of(grantType);
  }

  /** A refresh token obtained elsewhere; when it dies, a person must sign in again. */
  static RefreshTokenGrant refreshToken(String refreshToken) {
    return new RefreshTokenGrant(FixedSecret.of(refreshToken, "refreshToken"), Scope.EMPTY);
  }

  /** A static token such as a personal access token: no endpoint, never refreshed. */
  static StaticTokenGrant staticToken(String token) {
    return new StaticTokenGrant(FixedSecret.of(token, "token"), null);
  }

  /**
   * Token exchange (RFC 8693): trades a token someone else holds, e.g. the access token a web app
   * was launched with, for a token of this client, e.g. with another audience. The subject token is
   * an access token unless {@linkplain TokenExchangeGrant#withSubjectTokenType said otherwise}.
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
  static TokenExchangeGrant tokenExchange(String subjectToken) {
    return TokenExchangeGrant.of(FixedSecret.of(subjectToken, "subjectToken"));
  }

  /**
   * Token exchange with a source of fresh subject tokens, asked on every exchange, e.g. {@code ()
   * -> userSession.accessToken()} wrapped to throw {@link java.io.UncheckedIOException}: a session
   * with this grant exchanges again whenever its tokens run out.
   */
  static TokenExchangeGrant tokenExchange(Supplier<String> subjectTokens) {
    return TokenExchangeGrant.of(Objects.requireNonNull(subjectTokens, "subjectTokens"));
  }
}
