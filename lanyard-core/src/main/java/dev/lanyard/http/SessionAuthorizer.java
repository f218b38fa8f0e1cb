package dev.lanyard.http;

import dev.lanyard.TokenSet;
import dev.lanyard.session.TokenSession;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules every HTTP integration shares: which {@code Authorization} header a request carries,
 * and what to do when the server answers 401.
 *
 * <ul>
 *   <li>{@link #authorize()} gives the header for the session's current token; a session without
 *       credentials fails at once with {@link dev.lanyard.NoCredentialsException}, before anything
 *       is sent.
 *   <li>{@link #isRefreshCase(int, List)} says whether a response is a 401 that a new token may
 *       cure: not when a {@code Bearer} challenge says {@code insufficient_scope} or {@code
 *       invalid_request}.
 *   <li>{@link #reauthorize(AuthorizationHeader)} gets the header to retry with: a refresh only if
 *       the rejected token is still the session's current one, else the newer token another caller
 *       already obtained. Integrations retry once with it and return a second 401 as it is.
 * </ul>
 *
 * <pre>{@code
 * SessionAuthorizer bearer = SessionAuthorizer.bearer(session);
 * SessionAuthorizer bfabric = SessionAuthorizer.basic(session, BasicBridge.B_FABRIC_LOGIN);
 * AuthenticatedHttpClient api = AuthenticatedHttpClient.of(HttpClient.newHttpClient(), bfabric);
 * }</pre>
 *
 * <p>Thread-safe; one instance per session and scheme can serve any number of clients.
 */
public final class SessionAuthorizer {
  private final TokenSession session;

  /** Null for Bearer; the fixed login of the Basic bridge otherwise. */
  private final String basicLogin;

  /** The header of the last token seen: the hot path allocates nothing while the token holds. */
  private volatile AuthorizationHeader last;

  private SessionAuthorizer(TokenSession session, String basicLogin) {
    this.session = Objects.requireNonNull(session, "session");
    this.basicLogin = basicLogin;
  }

  /** Sends the session's token as {@code Authorization: Bearer <token>}. */
  public static SessionAuthorizer bearer(TokenSession session) {
    return new SessionAuthorizer(session, null);
  }

  /**
   * The legacy bridge: sends {@code Authorization: Basic base64(login + ":" + accessToken)}, e.g.
   * with login {@link BasicBridge#B_FABRIC_LOGIN}.
   */
  public static SessionAuthorizer basic(TokenSession session, String login) {
    return new SessionAuthorizer(session, BasicBridge.checkLogin(login));
  }

  public TokenSession session() {
    return session;
  }

  /**
   * The header for the session's current token (waiting for a refresh only when it is expired).
   *
   * @throws dev.lanyard.NoCredentialsException when the session has nothing to sign in with
   * @throws dev.lanyard.LoginRequiredException when only a person can get new tokens
   */
  public AuthorizationHeader authorize() throws IOException {
    return header(session.token());
  }

  /**
   * The header to retry with after {@code rejected} got a 401: {@link
   * TokenSession#forceRefresh(String)}, which refreshes only while {@code rejected} is current.
   *
   * @throws IOException when the refresh fails, e.g. {@link dev.lanyard.LoginRequiredException}
   */
  public AuthorizationHeader reauthorize(AuthorizationHeader rejected) throws IOException {
    Objects.requireNonNull(rejected, "rejected");
    return header(session.forceRefresh(rejected.accessToken()));
  }

  /**
   * The header this authorizer's scheme would have produced, recognised in a sent request: empty
   * when the value is absent, of another scheme, or (for Basic) of another login. Lets a hook that
   * only sees the response (OkHttp's {@code Authenticator}) learn which token was sent, and stay
   * away from requests the token never went to.
   */
  public Optional<AuthorizationHeader> recognize(String headerValue) {
    if (headerValue == null) {
      return Optional.empty();
    }
    if (basicLogin != null) {
      return BasicBridge.decode(basicLogin, headerValue)
          .map(token -> new AuthorizationHeader(headerValue, token));
    }
    int space = headerValue.indexOf(' ');
    if (space <= 0 || headerValue.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String token = headerValue.substring(space + 1).trim();
    return token.isEmpty()
        ? Optional.empty()
        : Optional.of(new AuthorizationHeader(headerValue, token));
  }

  /**
   * True for a 401 that a new token may cure: any 401 except one whose {@code Bearer} challenge
   * says {@code error="insufficient_scope"} or {@code error="invalid_request"}.
   *
   * @param wwwAuthenticate all {@code WWW-Authenticate} header values of the response
   */
  public static boolean isRefreshCase(int status, List<String> wwwAuthenticate) {
    return status == 401 && Challenges.refreshMayHelp(wwwAuthenticate);
  }

  @SuppressWarnings("ReferenceEquality") // identity on purpose: see below
  private AuthorizationHeader header(TokenSet tokens) {
    AuthorizationHeader h = last;
    // Identity, not equals: the same TokenSet hands out the same String instance.
    if (h != null && h.accessToken() == tokens.accessToken()) {
      return h;
    }
    String value =
        basicLogin == null
            ? tokens.authorizationHeader()
            : BasicBridge.encode(basicLogin, tokens.accessToken());
    h = new AuthorizationHeader(value, tokens.accessToken());
    last = h;
    return h;
  }

  @Override
  public String toString() {
    return "SessionAuthorizer{" + (basicLogin == null ? "Bearer" : "Basic " + basicLogin) + '}';
  }
}
