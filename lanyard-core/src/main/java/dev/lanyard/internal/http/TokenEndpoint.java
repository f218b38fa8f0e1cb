package dev.lanyard.internal.http;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import dev.lanyard.DpopKey;
import dev.lanyard.MalformedResponseException;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.internal.grant.TokenRequest;
import dev.lanyard.internal.text.Printable;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Posts token requests to one token endpoint and turns the answers into {@link TokenResponse}s.
 *
 * <p>With a DPoP key (RFC 9449), every request carries a fresh proof and the tokens come back
 * holding the key; a {@code use_dpop_nonce} refusal with a {@code DPoP-Nonce} header is retried
 * once with that nonce, and the endpoint's last nonce goes into later proofs.
 */
public final class TokenEndpoint {
  private static final long MAX_LIFETIME_SECONDS = 100L * 366 * 24 * 3600;
  private static final String WHAT = "the token endpoint";
  private final URI endpoint;
  private final @Nullable URI issuer;
  private final ClientAuthentication client;
  private final Transport transport;
  private final InstantSource clock;
  private final Duration defaultLifetime;
  private final @Nullable DpopKey dpopKey;
  private volatile @Nullable String dpopNonce;

  public TokenEndpoint(
      URI endpoint,
      ClientAuthentication client,
      Transport transport,
      InstantSource clock,
      Duration defaultLifetime) {
    this(endpoint, null, client, transport, clock, defaultLifetime, null);
  }

  /**
   * The token endpoint of the provider {@code issuer} (null when unknown: client assertions then
   * name the endpoint), sending DPoP proofs made with {@code dpopKey} unless it is null.
   */
  public TokenEndpoint(
      URI endpoint,
      @Nullable URI issuer,
      ClientAuthentication client,
      Transport transport,
      InstantSource clock,
      Duration defaultLifetime,
      @Nullable DpopKey dpopKey) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.issuer = issuer;
    this.client = Objects.requireNonNull(client, "client");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.defaultLifetime = Objects.requireNonNull(defaultLifetime, "defaultLifetime");
    this.dpopKey = dpopKey;
    Endpoints.requireSecure(transport, endpoint, WHAT);
  }

  public URI uri() {
    return endpoint;
  }

  public ClientAuthentication client() {
    return client;
  }

  /** Sends a token request and returns the tokens, or throws the provider's error. */
  public TokenSet fetch(TokenRequest request) throws IOException {
    return request(request).orThrow();
  }

  /** Sends a token request; an OAuth error comes back as a {@link TokenResponse.Failure}. */
  public TokenResponse request(TokenRequest request) throws IOException {
    return request(request, dpopKey);
  }

  /**
   * Sends a token request with proofs made with {@code key} (none when null), e.g. a refresh with
   * the key the tokens are bound to; tokens issued come back holding {@code key}.
   */
  public TokenResponse request(TokenRequest request, @Nullable DpopKey key) throws IOException {
    String nonceSent = dpopNonce;
    TokenResponse answer = send(request, key, nonceSent);
    String nonce = dpopNonce;
    if (key != null
        && answer instanceof TokenResponse.Failure f
        && "use_dpop_nonce".equals(f.error().error())
        && nonce != null
        && !nonce.equals(nonceSent)) {
      // Refused before the grant was looked at: safe to send once more (RFC 9449 §8).
      answer = send(request, key, nonce);
    }
    if (answer instanceof TokenResponse.Success s) {
      return new TokenResponse.Success(bind(s.tokens(), key));
    }
    return answer;
  }

  /**
   * The one place that accepts {@code token_type DPoP} (RFC 9449 §5): only for a request that
   * carried a proof, whose key the tokens then keep. A provider answering {@code Bearer} to a proof
   * gets its tokens sent as bearer tokens ({@link TokenSet#isDpopBound()}), the key kept for the
   * refresh token, which may still be bound.
   */
  static TokenSet bind(TokenSet tokens, @Nullable DpopKey key) throws MalformedResponseException {
    if (key == null) {
      if ("DPoP".equalsIgnoreCase(tokens.tokenType())) {
        throw new MalformedResponseException(
            WHAT + " issued a DPoP-bound token to a request without a DPoP proof", 200);
      }
      return tokens;
    }
    return tokens.newBuilder().dpopKey(key).build();
  }

  private TokenResponse send(TokenRequest request, @Nullable DpopKey key, @Nullable String nonce)
      throws IOException {
    Map<String, String> headers = Map.of();
    if (key != null) {
      headers = Map.of("DPoP", key.proof("POST", endpoint, null, nonce));
    }
    Instant sentAt = clock.instant();
    HttpResponse<String> response =
        Exchange.of(transport)
            .send(
                Requests.form(transport, endpoint, client, issuer, request.form(), headers),
                request.replayable(),
                WHAT,
                Bodies.Limit.TOKEN);
    if (key != null) {
      response.headers().firstValue("DPoP-Nonce").ifPresent(n -> dpopNonce = n);
    }
    return parse(response, sentAt, request.scope(), defaultLifetime, WHAT);
  }

  /**
   * Posts a form to a provider endpoint with the client's proof (headers and parameters, made for
   * this request), with the transport's retries.
   */
  public static HttpResponse<String> postForm(
      Transport transport,
      URI uri,
      ClientAuthentication client,
      Map<String, String> parameters,
      boolean replayable,
      String what,
      Bodies.Limit limit)
      throws IOException {
    return postForm(transport, uri, client, null, parameters, replayable, what, limit);
  }

  /** As above, for an endpoint of the provider {@code issuer} (null when unknown). */
  public static HttpResponse<String> postForm(
      Transport transport,
      URI uri,
      ClientAuthentication client,
      @Nullable URI issuer,
      Map<String, String> parameters,
      boolean replayable,
      String what,
      Bodies.Limit limit)
      throws IOException {
    return Exchange.of(transport)
        .send(
            Requests.form(transport, uri, client, issuer, parameters, Map.of()),
            replayable,
            what,
            limit);
  }

  /**
   * Turns a token endpoint's answer into tokens or an OAuth error (RFC 6749 §5.1, §5.2).
   *
   * <p>Expiry counts from {@code sentAt}, the moment the request left, so network time never makes
   * a token look longer-lived than it is. Without {@code expires_in} the access token's JWT {@code
   * exp} is used, else {@code defaultLifetime}.
   */
  public static TokenResponse parse(
      HttpResponse<String> response,
      Instant sentAt,
      Scope requested,
      Duration defaultLifetime,
      String what)
      throws MalformedResponseException {
    int status = response.statusCode();
    String contentType = response.headers().firstValue("Content-Type").orElse("no content type");
    Map<String, Object> json;
    try {
      json = Json.parseObject(response.body());
    } catch (ParseException | RuntimeException e) {
      throw new MalformedResponseException(
          what
              + " answered HTTP "
              + status
              + " ("
              + contentType
              + ") with a body that is not a JSON object"
              + (status >= 400 ? "; the provider may be down or misconfigured" : ""),
          status);
    }
    try {
      if (status >= 400) {
        Optional<String> error = Json.string(json, "error");
        if (error.isEmpty() || error.get().isBlank()) {
          throw new MalformedResponseException(
              what + " answered HTTP " + status + " without an OAuth error code", status);
        }
        return new TokenResponse.Failure(
            new ProviderErrorException(
                error.get(),
                Json.string(json, "error_description").orElse(null),
                Json.string(json, "error_uri").orElse(null),
                status));
      }
      if (status != 200) {
        throw new MalformedResponseException(
            what + " answered HTTP " + status + " instead of 200", status);
      }
      return new TokenResponse.Success(tokens(json, sentAt, requested, defaultLifetime));
    } catch (IllegalArgumentException e) {
      // a token with characters no token may hold, or a bad scope; messages never quote tokens
      throw new MalformedResponseException(
          what + " answered with an invalid token response: " + e.getMessage(), status, e);
    } catch (ParseException e) {
      throw new MalformedResponseException(
          what + " answered with an invalid token response: " + e.getMessage(), status, e);
    }
  }

  private static TokenSet tokens(
      Map<String, Object> json, Instant sentAt, Scope requested, Duration defaultLifetime)
      throws ParseException {
    String access = Json.string(json, "access_token").orElse("");
    if (access.isEmpty()) {
      throw new ParseException("no access_token", 0);
    }
    TokenSet.Builder b = TokenSet.builder(access).issuedAt(sentAt);
    String type = Json.string(json, "token_type").filter(t -> !t.isBlank()).orElse("Bearer");
    b.tokenType(
        TokenTypes.understood(type)
            .orElseThrow(
                () ->
                    new ParseException(
                        "token_type " + Printable.quoted(type) + " is not one Lanyard understands",
                        0)));
    Optional<Long> expiresIn = Json.number(json, "expires_in");
    if (expiresIn.isPresent()) {
      b.expiresAt(sentAt.plusSeconds(lifetime(expiresIn.get(), "expires_in")));
    } else {
      b.expiresAt(jwtExpiry(access).orElse(sentAt.plus(defaultLifetime)));
    }
    Optional<String> refresh = Json.string(json, "refresh_token").filter(s -> !s.isEmpty());
    if (refresh.isPresent()) {
      b.refreshToken(refresh.get());
      Optional<Long> refreshIn = Json.number(json, "refresh_expires_in");
      if (refreshIn.isPresent() && lifetime(refreshIn.get(), "refresh_expires_in") > 0) {
        b.refreshExpiresAt(sentAt.plusSeconds(refreshIn.get()));
      } else if (refreshIn.isEmpty()) {
        jwtExpiry(refresh.get()).ifPresent(b::refreshExpiresAt);
      }
      // refresh_expires_in 0 (Keycloak's offline tokens): no expiry.
    }
    Json.string(json, "id_token").filter(s -> !s.isEmpty()).ifPresent(b::idToken);
    Optional<String> scope = Json.string(json, "scope");
    b.scope(scope.isPresent() ? Scope.of(scope.get()) : requested);
    return b.build();
  }

  /** A lifetime in seconds, at most a hundred years: anything else is not a real answer. */
  private static long lifetime(long seconds, String name) throws ParseException {
    if (seconds < 0) {
      throw new ParseException(name + " is negative", 0);
    }
    if (seconds > MAX_LIFETIME_SECONDS) {
      throw new ParseException(name + " is out of range", 0);
    }
    return seconds;
  }

  /** The {@code exp} of a token that happens to be a JWT; read for timing only, not trusted. */
  static Optional<Instant> jwtExpiry(String token) {
    if (token.chars().filter(c -> c == '.').count() != 2) {
      return Optional.empty();
    }
    try {
      JWT jwt = JWTParser.parse(token);
      Date exp = jwt.getJWTClaimsSet().getExpirationTime();
      return Optional.ofNullable(exp).map(Date::toInstant);
    } catch (ParseException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
