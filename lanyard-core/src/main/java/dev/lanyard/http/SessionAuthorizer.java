package dev.lanyard.http;

import dev.lanyard.TokenSet;
import dev.lanyard.session.TokenSession;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * An access token of a {@link TokenSession} in the {@code Authorization} header: the schemes differ
 * only in how the header carries the token ({@link Bearer}, {@link Basic}); the 401 rules are one.
 *
 * <p>A DPoP-bound token ({@link TokenSet#isDpopBound()}) goes out as {@code Authorization: DPoP}
 * with a fresh proof per request ({@link DpopProofs}); its authorization is never cached, so the
 * bearer fast path stays one volatile read and one identity comparison.
 */
abstract sealed class SessionAuthorizer implements RequestAuthorizer {
  static final String AUTHORIZATION = "Authorization";

  private final TokenSession session;

  /** The authorization of the last token seen: the hot path allocates nothing while it holds. */
  private volatile @Nullable Issued last;

  private final DpopProofs dpop = new DpopProofs();

  private SessionAuthorizer(TokenSession session) {
    this.session = Objects.requireNonNull(session, "session");
  }

  /** The header value carrying {@code accessToken} of {@code tokens}. */
  abstract String headerValue(TokenSet tokens);

  /** The access token in a header value this scheme made; empty for anything else. */
  abstract Optional<String> accessToken(String headerValue);

  @Override
  public final Authorization authorize(String method, URI uri) throws IOException {
    return authorization(session.token(), method, uri);
  }

  /** A 401 that a new token may cure: not {@code insufficient_scope} or {@code invalid_request}. */
  @Override
  public final boolean retryMayHelp(Authorization sent, ResponseHead response) {
    return Challenges.isRefreshCase(response.status(), response.headers("WWW-Authenticate"));
  }

  /**
   * {@link TokenSession#forceRefresh(String)} with the rejected token: a refresh only while it is
   * still current, else the newer token another caller already obtained.
   */
  @Override
  public final Authorization reauthorize(
      String method, URI uri, Authorization rejected, ResponseHead response) throws IOException {
    if (rejected.headers().containsKey(DpopProofs.DPOP) && DpopProofs.nonceRequested(response)) {
      // RFC 9449 §9: the server wants its nonce in the proof; the token is fine.
      dpop.remember(uri, response.headers(DpopProofs.NONCE).get(0));
      return authorization(session.token(), method, uri);
    }
    String header = rejected.headers().get(AUTHORIZATION);
    Optional<String> token = header == null ? Optional.empty() : accessToken(header);
    return authorization(
        token.isPresent() ? session.forceRefresh(token.get()) : session.token(), method, uri);
  }

  /** Keeps a {@code DPoP-Nonce} sent back to a request that carried a proof. */
  @Override
  public final void onResponse(Authorization sent, ResponseHead response) {
    dpop.remember(sent, response);
  }

  @Override
  public final CompletableFuture<Authorization> authorizeAsync(String method, URI uri) {
    return session.tokenAsync().thenApply(t -> authorization(t, method, uri));
  }

  @Override
  public final CompletableFuture<Authorization> reauthorizeAsync(
      String method, URI uri, Authorization rejected, ResponseHead response) {
    if (rejected.headers().containsKey(DpopProofs.DPOP) && DpopProofs.nonceRequested(response)) {
      dpop.remember(uri, response.headers(DpopProofs.NONCE).get(0));
      return session.tokenAsync().thenApply(t -> authorization(t, method, uri));
    }
    String header = rejected.headers().get(AUTHORIZATION);
    Optional<String> token = header == null ? Optional.empty() : accessToken(header);
    CompletableFuture<TokenSet> next =
        token.isPresent() ? session.forceRefreshAsync(token.get()) : session.tokenAsync();
    return next.thenApply(t -> authorization(t, method, uri));
  }

  @SuppressWarnings("ReferenceEquality") // identity on purpose: see below
  private Authorization authorization(TokenSet tokens, String method, URI uri) {
    Issued issued = last;
    // Identity, not equals: the same TokenSet hands out the same String instance.
    if (issued != null && issued.accessToken() == tokens.accessToken()) {
      return issued.authorization();
    }
    if (tokens.isDpopBound()) {
      return dpopAuthorization(tokens, method, uri);
    }
    Authorization a = Authorization.of(Map.of(AUTHORIZATION, headerValue(tokens)));
    last = new Issued(tokens.accessToken(), a);
    return a;
  }

  /** A proof per request; a scheme that cannot carry one refuses. */
  Authorization dpopAuthorization(TokenSet tokens, String method, URI uri) {
    return dpop.authorization(tokens, method, uri);
  }

  private record Issued(String accessToken, Authorization authorization) {}

  /** {@code Authorization: <token type> <token>}, the token type being the session's (Bearer). */
  static final class Bearer extends SessionAuthorizer {
    Bearer(TokenSession session) {
      super(session);
    }

    @Override
    String headerValue(TokenSet tokens) {
      return tokens.authorizationHeader();
    }

    @Override
    Optional<String> accessToken(String headerValue) {
      int space = headerValue.indexOf(' ');
      String token = space <= 0 ? "" : headerValue.substring(space + 1).trim();
      return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    @Override
    public String toString() {
      return "RequestAuthorizer{Bearer}";
    }
  }

  /** {@code Authorization: Basic base64(login:token)}: {@link BasicBridge}. */
  static final class Basic extends SessionAuthorizer {
    private final String login;

    Basic(TokenSession session, String login) {
      super(session);
      this.login = BasicBridge.checkLogin(login);
    }

    @Override
    String headerValue(TokenSet tokens) {
      return BasicBridge.encode(login, tokens.accessToken());
    }

    @Override
    Optional<String> accessToken(String headerValue) {
      return BasicBridge.decode(login, headerValue);
    }

    @Override
    Authorization dpopAuthorization(TokenSet tokens, String method, URI uri) {
      throw new IllegalStateException(
          "the session's token is DPoP-bound; an HTTP Basic bridge cannot send its proof");
    }

    @Override
    public String toString() {
      return "RequestAuthorizer{Basic " + login + '}';
    }
  }
}
