package dev.lanyard.verify;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.IdentityMismatchException;
import dev.lanyard.InvalidTokenException;
import dev.lanyard.internal.http.Endpoints;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies OpenID Connect ID tokens against the provider's JWKS.
 *
 * <p>Checks: signature with a key from the JWKS (an unknown {@code kid} refetches the JWKS, rate
 * limited, so key rotation works); algorithm in the allow-list (from discovery), never {@code
 * none}, never HMAC; {@code iss}; {@code aud} contains the client id, and {@code azp} equals it
 * when there are several audiences; {@code exp} and {@code iat} with skew; {@code nonce} when one
 * is expected. Every failure is an {@link InvalidTokenException} whose message names the check and
 * never contains the token.
 *
 * <p>Thread-safe: one verifier per provider and client is meant to be shared.
 */
public final class IdTokenVerifier {
  private static final Logger log = LoggerFactory.getLogger(IdTokenVerifier.class);

  private final String issuer;
  private final String clientId;
  private final List<JWSAlgorithm> algorithms;
  private final Duration skew;
  private final InstantSource clock;
  private final JwksCache jwks; // null: no verification at all

  private IdTokenVerifier(Builder b, List<JWSAlgorithm> algorithms) {
    this.issuer = b.issuer;
    this.clientId = b.clientId;
    this.algorithms = algorithms;
    this.skew = b.skew;
    this.clock = b.clock;
    this.jwks = new JwksCache(b.jwksUri, b.transport, b.clock, b.jwksRefetchInterval);
  }

  private IdTokenVerifier() {
    this.issuer = null;
    this.clientId = null;
    this.algorithms = List.of();
    this.skew = Duration.ZERO;
    this.clock = InstantSource.system();
    this.jwks = null;
  }

  /**
   * A verifier for tokens of this provider's issuer and JWKS, issued to {@code clientId}. The
   * allow-list is the provider's {@code id_token_signing_alg_values_supported} ({@code RS256} when
   * it lists none), without its HMAC entries.
   *
   * @throws IllegalStateException when the metadata has no issuer or no {@code jwks_uri}
   */
  public static IdTokenVerifier forProvider(
      ProviderMetadata provider, String clientId, Transport transport) {
    Builder b = builder().clientId(clientId).transport(transport);
    provider.issuer().ifPresent(uri -> b.issuer(uri.toString()));
    provider.jwksUri().ifPresent(b::jwksUri);
    if (!provider.idTokenSigningAlgs().isEmpty()) {
      b.algorithms(provider.idTokenSigningAlgs());
    }
    return b.build();
  }

  /**
   * A "verifier" that checks nothing and only reads claims, logging a warning on every use. For
   * development against a provider whose keys cannot be fetched; never the default. A token without
   * {@code iss} or {@code sub} gives an empty string, one without {@code iat} or {@code exp} the
   * epoch.
   */
  public static IdTokenVerifier insecureNoVerification() {
    return new IdTokenVerifier();
  }

  /** A builder; issuer, clientId and jwksUri are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Verifies a token that must carry this {@code nonce} (authorization code flow). */
  public Identity verify(String idToken, String expectedNonce) throws IOException {
    Objects.requireNonNull(expectedNonce, "expectedNonce");
    return check(Objects.requireNonNull(idToken, "idToken"), expectedNonce);
  }

  /** Verifies a token that carries no nonce of ours (device flow, refresh). */
  public Identity verify(String idToken) throws IOException {
    return check(Objects.requireNonNull(idToken, "idToken"), null);
  }

  /**
   * Fails with {@link IdentityMismatchException} unless the identity's e-mail is verified and
   * equals {@code expectedEmail}, ignoring case.
   */
  public static void requireEmail(Identity identity, String expectedEmail)
      throws IdentityMismatchException {
    Objects.requireNonNull(expectedEmail, "expectedEmail");
    Optional<String> email = identity.email();
    if (email.isPresent()
        && identity.emailVerified()
        && email.get().toLowerCase(Locale.ROOT).equals(expectedEmail.toLowerCase(Locale.ROOT))) {
      return;
    }
    String who =
        email.isEmpty()
            ? "subject " + identity.subject() + " (the ID token has no e-mail)"
            : identity.emailVerified()
                ? email.get()
                : email.get() + " (an e-mail the provider has not verified)";
    throw new IdentityMismatchException(
        "signed in as " + who + ", but " + expectedEmail + " was expected; nothing was stored");
  }

  private Identity check(String idToken, String nonce) throws IOException {
    JWT jwt;
    try {
      jwt = JWTParser.parse(idToken.strip());
    } catch (ParseException e) {
      // No cause: the parser's message may quote parts of the token.
      throw invalid("ID token is not a JWT");
    }
    if (jwks == null) {
      JWTClaimsSet claims = claims(jwt);
      log.warn(
          "ID token verification is OFF (IdTokenVerifier.insecureNoVerification()): claims for"
              + " subject {} were read without checking signature, issuer, audience, expiry or"
              + " nonce",
          Claims.shown(claims.getClaim("sub")));
      return Claims.identity(claims);
    }
    if (jwt instanceof PlainJWT) {
      throw invalid("ID token is unsigned (alg none); unsigned tokens are never accepted");
    }
    if (!(jwt instanceof SignedJWT signed)) {
      throw invalid("ID token is encrypted (JWE); only signed ID tokens are supported");
    }
    JWSAlgorithm alg = signed.getHeader().getAlgorithm();
    if (!Signatures.asymmetric(alg)) {
      throw invalid(
          "ID token algorithm "
              + Claims.shown(alg)
              + " is never accepted: only public-key signatures (RS, PS, ES, EdDSA) are");
    }
    if (!algorithms.contains(alg)) {
      throw invalid("ID token algorithm " + alg + " is not in the allowed list " + algorithms);
    }
    Signatures.check(signed, jwks);
    JWTClaimsSet claims = claims(signed);
    Claims.check(claims, issuer, clientId, clock.instant(), skew, nonce);
    return Claims.identity(claims);
  }

  private static JWTClaimsSet claims(JWT jwt) throws InvalidTokenException {
    if (jwt instanceof EncryptedJWT) {
      throw invalid("ID token is encrypted (JWE); only signed ID tokens are supported");
    }
    try {
      return jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      // No cause: the parser's message may quote the payload.
      throw invalid(
          "ID token claims are malformed: not a JSON object, or a registered claim (iss, sub, aud,"
              + " exp, nbf, iat, jti) of the wrong type");
    }
  }

  @Override
  public String toString() {
    return jwks == null
        ? "IdTokenVerifier{INSECURE: no verification}"
        : "IdTokenVerifier{issuer="
            + issuer
            + ", clientId="
            + clientId
            + ", algorithms="
            + algorithms
            + '}';
  }

  /** Builds an {@link IdTokenVerifier}. */
  public static final class Builder {
    private String issuer;
    private String clientId;
    private URI jwksUri;
    private List<String> algorithms = List.of("RS256");
    private Duration skew = Duration.ofSeconds(60);
    private InstantSource clock = InstantSource.system();
    private Transport transport = Transport.defaults();
    private Duration jwksRefetchInterval = Duration.ofSeconds(30);

    private Builder() {}

    /** The expected {@code iss}, compared exactly (a trailing slash matters). */
    public Builder issuer(String issuer) {
      this.issuer = nonBlank(issuer, "issuer");
      return this;
    }

    /** The client the token must be issued to ({@code aud}, {@code azp}). */
    public Builder clientId(String clientId) {
      this.clientId = nonBlank(clientId, "clientId");
      return this;
    }

    /** Where the provider publishes its signing keys; https unless loopback. */
    public Builder jwksUri(URI jwksUri) {
      Objects.requireNonNull(jwksUri, "jwksUri");
      if (!jwksUri.isAbsolute() || jwksUri.getHost() == null) {
        throw new IllegalArgumentException(
            "jwksUri must be an absolute URI with a host, was " + jwksUri);
      }
      this.jwksUri = jwksUri;
      return this;
    }

    /**
     * Allowed JWS algorithms, e.g. from discovery; default {@code RS256}. HMAC algorithms and
     * {@code none} in the list are ignored: they are never accepted.
     */
    public Builder algorithms(List<String> algorithms) {
      this.algorithms = List.copyOf(algorithms);
      return this;
    }

    /** Clock skew for {@code exp}/{@code iat}; default 60 s. */
    public Builder skew(Duration skew) {
      this.skew = notNegative(skew, "skew");
      return this;
    }

    /** The clock for expiry checks and the JWKS refetch interval; default the system clock. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How the JWKS is fetched; default {@link Transport#defaults()}. */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /** Shortest time between two JWKS fetches caused by unknown key ids; default 30 s. */
    public Builder jwksRefetchInterval(Duration interval) {
      this.jwksRefetchInterval = notNegative(interval, "jwksRefetchInterval");
      return this;
    }

    /**
     * The verifier.
     *
     * @throws IllegalStateException when issuer, clientId or jwksUri is missing, or the algorithms
     *     name no public-key signature
     */
    public IdTokenVerifier build() {
      if (issuer == null) {
        throw new IllegalStateException("issuer is required");
      }
      if (clientId == null) {
        throw new IllegalStateException("clientId is required");
      }
      if (jwksUri == null) {
        throw new IllegalStateException("jwksUri is required");
      }
      Endpoints.requireSecure(transport, jwksUri, "jwksUri");
      return new IdTokenVerifier(this, Signatures.allowList(algorithms, " for ID tokens"));
    }

    private static String nonBlank(String value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return value;
    }

    private static Duration notNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + d);
      }
      return d;
    }
  }

  static InvalidTokenException invalid(String message) {
    return new InvalidTokenException(message);
  }
}
