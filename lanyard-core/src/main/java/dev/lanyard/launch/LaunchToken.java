package dev.lanyard.launch;

import dev.lanyard.InvalidTokenException;
import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.internal.jwt.VerifiedJwt;
import dev.lanyard.session.TokenSession;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A verified URL token: who launched the app, for what, and the means to act as that person.
 *
 * <p>The typed accessors read the context claims B-Fabric puts in its launch tokens ({@code
 * entityId}, {@code entityClassName}, {@code applicationId}, {@code jobId}); ids may be JSON
 * numbers or strings of digits. Every claim is in {@link #claims()}. {@link #session()} turns the
 * token into a {@link TokenSession} whose first token is the URL token itself.
 *
 * <pre>{@code
 * LaunchToken launch = launches.verify(query.get("token"), query.get("refresh_token"));
 * if ("Dataset".equals(launch.entityClassName().orElse(""))) {
 *   TokenSession user = launch.session(); // renews with the refresh token, as launch.clientId()
 *   api.get("/datasets/" + launch.entityId().orElseThrow(), user.authorizationHeader());
 * }
 * }</pre>
 *
 * <p>{@link #toString()} never shows a token.
 */
public final class LaunchToken {
  private static final List<String> ID_CLAIMS = List.of("entityId", "applicationId", "jobId");

  private final String token;
  private final @Nullable String refreshToken;
  private final VerifiedJwt jwt;
  private final LaunchTokenVerifier origin;

  private LaunchToken(
      String token, @Nullable String refreshToken, VerifiedJwt jwt, LaunchTokenVerifier origin) {
    this.token = token.strip();
    this.refreshToken = refreshToken;
    this.jwt = jwt;
    this.origin = origin;
  }

  static LaunchToken of(
      String token, @Nullable String refreshToken, VerifiedJwt jwt, LaunchTokenVerifier origin) {
    return new LaunchToken(token, refreshToken, jwt, origin);
  }

  /** Fails unless the claims the typed accessors read have the right type (or are absent). */
  static void checkTypes(VerifiedJwt jwt) throws InvalidTokenException {
    for (String name : ID_CLAIMS) {
      if (jwt.claims().containsKey(name) && jwt.longClaim(name).isEmpty()) {
        throw new InvalidTokenException(
            LaunchTokenVerifier.NAME + " claim " + name + " is not an integer id");
      }
    }
    for (String name : List.of("entityClassName", "client_id", "azp")) {
      if (jwt.claims().containsKey(name) && jwt.stringClaim(name).isEmpty()) {
        throw new InvalidTokenException(
            LaunchTokenVerifier.NAME + " claim " + name + " is not a string");
      }
    }
  }

  /** The client the token was issued to: {@code client_id}, else {@code azp}. */
  static Optional<String> clientOf(VerifiedJwt jwt) {
    Optional<String> id = jwt.stringClaim("client_id").filter(s -> !s.isBlank());
    return id.isPresent() ? id : jwt.stringClaim("azp").filter(s -> !s.isBlank());
  }

  /** The {@code sub} claim: the provider's id of the person who launched the app. */
  public String subject() {
    return jwt.subject().orElseThrow();
  }

  /** The {@code iss} claim. */
  public String issuer() {
    return jwt.issuer();
  }

  /** The client the token was issued to: its {@code client_id} claim, else {@code azp}. */
  public Optional<String> clientId() {
    return clientOf(jwt);
  }

  /** The id of the entity the app was opened on ({@code entityId}). */
  public OptionalLong entityId() {
    return jwt.longClaim("entityId");
  }

  /** The class of that entity, e.g. {@code Dataset} ({@code entityClassName}). */
  public Optional<String> entityClassName() {
    return jwt.stringClaim("entityClassName");
  }

  /** The id of the application in the portal ({@code applicationId}). */
  public OptionalLong applicationId() {
    return jwt.longClaim("applicationId");
  }

  /** The id of the job the launch belongs to ({@code jobId}). */
  public OptionalLong jobId() {
    return jwt.longClaim("jobId");
  }

  /** When the URL token expires ({@code exp}). */
  public Instant expiresAt() {
    return jwt.expiresAt();
  }

  /**
   * Every claim of the token, as JSON values (strings, numbers, booleans, lists and maps; {@code
   * null}s dropped).
   */
  public Map<String, Object> claims() {
    return jwt.claims();
  }

  /** True when a refresh token came with the URL token, so its session can renew. */
  public boolean renewable() {
    return refreshToken != null;
  }

  /**
   * The tokens to start a session with: the URL token as the access token (expiring at its {@code
   * exp}), the refresh token if one came with it, the {@code scope} claim as the scope.
   */
  public TokenSet tokens() {
    TokenSet.Builder b =
        TokenSet.builder(token)
            .expiresAt(jwt.expiresAt())
            .scope(jwt.stringClaim("scope").map(Scope::of).orElse(Scope.EMPTY));
    jwt.issuedAt().ifPresent(b::issuedAt);
    if (refreshToken != null) {
      b.refreshToken(refreshToken);
    }
    return b.build();
  }

  /**
   * A session builder holding {@link #tokens()}; with a refresh token also the provider and the
   * public client {@link #clientId()} to renew with. Add a store, clock or listener, then build.
   */
  public TokenSession.Builder sessionBuilder() {
    TokenSession.Builder b = TokenSession.builder().tokens(tokens()).transport(origin.transport());
    if (refreshToken != null) {
      b.provider(origin.provider()).client(ClientAuthentication.none(clientId().orElseThrow()));
    }
    return b;
  }

  /**
   * The user's session. Without a refresh token it hands out the URL token until it expires, then
   * fails with {@link dev.lanyard.LoginRequiredException} ("the access token expired and there is
   * no refresh token"); with one it renews like any session.
   */
  public TokenSession session() {
    return sessionBuilder().build();
  }

  @Override
  public String toString() {
    return "LaunchToken{subject="
        + subject()
        + ", client="
        + clientId().orElse("none")
        + entityClassName().map(c -> ", entityClassName=" + c).orElse("")
        + (entityId().isPresent() ? ", entityId=" + entityId().getAsLong() : "")
        + ", expiresAt="
        + expiresAt()
        + ", token=[redacted]"
        + (refreshToken != null ? ", refreshToken=[redacted]" : "")
        + '}';
  }
}
