package dev.lanyard.internal.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.InvalidTokenException;
import dev.lanyard.internal.http.Endpoints;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Verifies a signed JWT that is not an ID token, such as an access token a resource server receives
 * or the URL token a portal launches a web app with, against the issuer's JWKS.
 *
 * <p>Checks: signature with a key from the JWKS (an unknown {@code kid} refetches it, rate
 * limited); the algorithm is a public-key one in the allow-list, never {@code none}, never HMAC;
 * {@code iss} equals the issuer; {@code exp} is <em>required</em> and not past (with skew); {@code
 * nbf} and {@code iat} not in the future; {@code aud} contains the audience when one is set. Every
 * failure is an {@link InvalidTokenException} whose message names the check and never contains the
 * token.
 *
 * <pre>{@code
 * JwtVerifier verifier = JwtVerifier.builder()
 *     .issuer("https://id.example.org/realms/lab")
 *     .jwksUri(URI.create("https://id.example.org/realms/lab/protocol/openid-connect/certs"))
 *     .audience("lab-api")
 *     .build();
 * VerifiedJwt jwt = verifier.verify(bearerToken);
 * String who = jwt.subject().orElseThrow();
 * }</pre>
 *
 * <p>Thread-safe: one verifier per issuer is meant to be shared; it caches the JWKS.
 */
public final class JwtVerifier {
  private final String issuer;
  private final @Nullable String audience;
  private final String audienceShown;
  private final List<JWSAlgorithm> algorithms;
  private final Duration skew;
  private final InstantSource clock;
  private final String name;
  private final JwksCache jwks;

  private JwtVerifier(Builder b, String issuer, URI jwksUri, List<JWSAlgorithm> algorithms) {
    this.issuer = issuer;
    this.audience = b.audience;
    this.audienceShown = b.audienceShown != null ? b.audienceShown : "the expected " + b.audience;
    this.algorithms = algorithms;
    this.skew = b.skew;
    this.clock = b.clock;
    this.name = b.name;
    this.jwks = new JwksCache(jwksUri, b.transport, b.clock, b.jwksRefetchInterval);
  }

  /** A builder; issuer and jwksUri are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder with the issuer and JWKS of this provider, e.g. from {@link
   * ProviderMetadata#discover(URI)}.
   *
   * @throws IllegalArgumentException when the metadata has no issuer or no {@code jwks_uri}
   */
  public static Builder builder(ProviderMetadata provider) {
    URI iss =
        provider
            .issuer()
            .orElseThrow(() -> new IllegalArgumentException("the provider metadata has no issuer"));
    URI keys =
        provider
            .jwksUri()
            .orElseThrow(
                () -> new IllegalArgumentException("the provider metadata has no jwks_uri"));
    return builder().issuer(iss.toString()).jwksUri(keys);
  }

  /**
   * Verifies a token and returns its claims.
   *
   * @throws InvalidTokenException when the token fails a check
   * @throws IOException when the JWKS cannot be fetched
   */
  public VerifiedJwt verify(String token) throws IOException {
    JWT jwt;
    try {
      jwt = JWTParser.parse(Objects.requireNonNull(token, "token").strip());
    } catch (ParseException e) {
      // No cause: the parser's message may quote parts of the token.
      throw invalid(" is not a JWT");
    }
    if (jwt instanceof PlainJWT) {
      throw invalid(" is unsigned (alg none); unsigned tokens are never accepted");
    }
    if (!(jwt instanceof SignedJWT signed)) {
      throw invalid(" is encrypted (JWE); only signed tokens are supported");
    }
    JWSAlgorithm alg = signed.getHeader().getAlgorithm();
    if (!Signatures.asymmetric(alg)) {
      throw invalid(
          " algorithm "
              + ClaimValues.shown(alg)
              + " is never accepted: only public-key signatures (RS, PS, ES, EdDSA) are");
    }
    if (!algorithms.contains(alg)) {
      throw invalid(" algorithm " + alg + " is not in the allowed list " + algorithms);
    }
    Signatures.check(signed, jwks, name);
    JWTClaimsSet claims;
    try {
      claims = signed.getJWTClaimsSet();
    } catch (ParseException e) {
      throw invalid(
          " claims are malformed: not a JSON object, or a registered claim (iss, sub, aud, exp,"
              + " nbf, iat, jti) of the wrong type");
    }
    return new JwtClaims(claims, name)
        .check(issuer, audience, audienceShown, clock.instant(), skew);
  }

  /** The expected issuer. */
  public String issuer() {
    return issuer;
  }

  /** The allowed algorithms, for ID token verifier's {@code toString()}. */
  public List<JWSAlgorithm> algorithms() {
    return algorithms;
  }

  private InvalidTokenException invalid(String rest) {
    return new InvalidTokenException(name + rest);
  }

  @Override
  public String toString() {
    return "JwtVerifier{"
        + name
        + ", issuer="
        + issuer
        + (audience != null ? ", audience=" + audience : "")
        + ", algorithms="
        + algorithms
        + '}';
  }

  /** Builds a {@link JwtVerifier}. */
  public static final class Builder {
    private @Nullable String issuer;
    private @Nullable URI jwksUri;
    private @Nullable String audience;
    private @Nullable String audienceShown;
    private @Nullable List<String> algorithms;
    private Duration skew = Duration.ofSeconds(60);
    private InstantSource clock = InstantSource.system();
    private Transport transport = Transport.defaults();
    private Duration jwksRefetchInterval = Duration.ofSeconds(30);
    private String name = "token";

    private Builder() {}

    /** The expected {@code iss}, compared exactly (a trailing slash matters). */
    public Builder issuer(String issuer) {
      if (this.issuer != null) {
        throw new IllegalStateException("issuer was already set to " + this.issuer);
      }
      this.issuer = nonBlank(issuer, "issuer");
      return this;
    }

    /** Where the issuer publishes its signing keys; https unless loopback. */
    public Builder jwksUri(URI jwksUri) {
      Objects.requireNonNull(jwksUri, "jwksUri");
      if (!jwksUri.isAbsolute() || jwksUri.getHost() == null) {
        throw new IllegalArgumentException(
            "jwksUri must be an absolute URI with a host, was " + jwksUri);
      }
      if (this.jwksUri != null) {
        throw new IllegalStateException("jwksUri was already set to " + this.jwksUri);
      }
      this.jwksUri = jwksUri;
      return this;
    }

    /**
     * A value {@code aud} must contain, e.g. this API's client id; default: {@code aud} unchecked.
     */
    public Builder audience(String audience) {
      if (this.audience != null) {
        throw new IllegalStateException("audience was already set to " + this.audience);
      }
      this.audience = nonBlank(audience, "audience");
      return this;
    }

    /**
     * Allowed JWS algorithms; default every public-key algorithm (RS*, PS*, ES*, EdDSA), which is
     * safe because the key must come from the JWKS and fit the algorithm. HMAC and {@code none} in
     * the list are ignored: they are never accepted.
     */
    public Builder algorithms(List<String> algorithms) {
      this.algorithms = List.copyOf(algorithms);
      return this;
    }

    /** Clock skew for {@code exp}, {@code nbf} and {@code iat}; default 60 s. */
    public Builder skew(Duration skew) {
      Objects.requireNonNull(skew, "skew");
      if (skew.isNegative()) {
        throw new IllegalArgumentException("skew must not be negative, was " + skew);
      }
      this.skew = skew;
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
      Objects.requireNonNull(interval, "jwksRefetchInterval");
      if (interval.isNegative()) {
        throw new IllegalArgumentException("jwksRefetchInterval must not be negative");
      }
      this.jwksRefetchInterval = interval;
      return this;
    }

    /** ID tokens: a missing audience is named "client {@code clientId}". */
    public Builder audienceShown(String shown) {
      this.audienceShown = shown;
      return this;
    }

    /** The issuer set, if any: the ID-token builder's checks need it. */
    public @Nullable String issuer() {
      return issuer;
    }

    /** What error messages call the token, e.g. {@code "URL token"}; default {@code "token"}. */
    public Builder tokenName(String name) {
      this.name = nonBlank(name, "tokenName");
      return this;
    }

    /**
     * The verifier.
     *
     * @throws IllegalStateException when issuer or jwksUri is missing, or the algorithms name no
     *     public-key signature
     */
    public JwtVerifier build() {
      if (issuer == null) {
        throw new IllegalStateException("issuer is required");
      }
      URI keys = jwksUri;
      if (keys == null) {
        throw new IllegalStateException("jwksUri is required");
      }
      Endpoints.requireSecure(transport, keys, "jwksUri");
      List<JWSAlgorithm> allowed;
      if (algorithms == null) {
        List<JWSAlgorithm> all = new ArrayList<>(JWSAlgorithm.Family.RSA);
        all.addAll(JWSAlgorithm.Family.EC);
        all.addAll(JWSAlgorithm.Family.ED);
        allowed = List.copyOf(all);
      } else {
        allowed = Signatures.allowList(algorithms);
      }
      return new JwtVerifier(this, issuer, keys, allowed);
    }

    private static String nonBlank(String value, String what) {
      if (Objects.requireNonNull(value, what).isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank");
      }
      return value;
    }
  }
}
