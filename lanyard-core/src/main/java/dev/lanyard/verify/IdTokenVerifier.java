package dev.lanyard.verify;

import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import dev.lanyard.IdentityMismatchException;
import dev.lanyard.InvalidTokenException;
import dev.lanyard.internal.jwt.ClaimValues;
import dev.lanyard.internal.jwt.JwtVerifier;
import dev.lanyard.internal.jwt.VerifiedJwt;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies OpenID Connect ID tokens against the provider's JWKS: {@link JwtVerifier}'s checks, then
 * the ID token's own.
 *
 * <p>The JWT checks: signature with a key from the JWKS (an unknown {@code kid} refetches the JWKS,
 * rate limited, so key rotation works); algorithm in the allow-list (from discovery), never {@code
 * none}, never HMAC; {@code iss}; {@code aud} contains the client id; {@code exp}, {@code nbf} and
 * {@code iat} with skew. Then OpenID Connect Core 3.1.3.7: {@code iat} and {@code sub} present;
 * {@code azp} equals the client id when present, and is required with several audiences; {@code
 * nonce} when one is expected. Every failure is an {@link InvalidTokenException} whose message
 * names the check and never contains the token.
 *
 * <p>Thread-safe: one verifier per provider and client is meant to be shared.
 */
public final class IdTokenVerifier {
  private static final Logger log = LoggerFactory.getLogger(IdTokenVerifier.class);
  private static final String NAME = "ID token";

  private final @Nullable JwtVerifier jwt; // null: no verification at all
  private final String clientId;

  private IdTokenVerifier(@Nullable JwtVerifier jwt, String clientId) {
    this.jwt = jwt;
    this.clientId = clientId;
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
    return new IdTokenVerifier(null, "");
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

  private Identity check(String idToken, @Nullable String nonce) throws IOException {
    JwtVerifier v = jwt;
    if (v == null) {
      return unverified(idToken);
    }
    VerifiedJwt verified = v.verify(idToken);
    Map<String, Object> claims = verified.claims();
    if (verified.issuedAt().isEmpty()) {
      throw invalid("ID token has no iat");
    }
    if (verified.subject().filter(s -> !s.isEmpty()).isEmpty()) {
      throw invalid("ID token has no sub");
    }
    String azp = ClaimValues.string(claims, "azp", NAME);
    List<String> aud = verified.audience();
    if (azp == null && aud.size() > 1) {
      throw invalid("ID token has several audiences " + ClaimValues.shown(aud) + " but no azp");
    }
    if (azp != null && !azp.equals(clientId)) {
      throw invalid("ID token azp " + ClaimValues.shown(azp) + " is not client " + clientId);
    }
    if (nonce != null) {
      checkNonce(ClaimValues.string(claims, "nonce", NAME), nonce);
    }
    return Claims.identity(verified);
  }

  private static void checkNonce(@Nullable String got, String nonce) throws InvalidTokenException {
    if (got == null) {
      throw invalid("ID token has no nonce, but the sign-in request sent one");
    }
    // Constant time: how much of the nonce matched must not leak through timing.
    if (!MessageDigest.isEqual(
        got.getBytes(StandardCharsets.UTF_8), nonce.getBytes(StandardCharsets.UTF_8))) {
      throw invalid("ID token nonce does not match the one the sign-in request sent");
    }
  }

  private static Identity unverified(String idToken) throws InvalidTokenException {
    JWT parsed;
    try {
      parsed = JWTParser.parse(idToken.strip());
    } catch (ParseException e) {
      // No cause: the parser's message may quote parts of the token.
      throw invalid("ID token is not a JWT");
    }
    if (parsed instanceof EncryptedJWT) {
      throw invalid("ID token is encrypted (JWE); only signed ID tokens are supported");
    }
    Map<String, Object> claims;
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> plain =
          (Map<String, Object>) ClaimValues.plain(parsed.getJWTClaimsSet().toJSONObject());
      claims = plain;
    } catch (ParseException e) {
      // No cause: the parser's message may quote the payload.
      throw invalid("ID token claims are malformed: not a JSON object");
    }
    Identity identity = Claims.unverifiedIdentity(claims);
    log.warn(
        "ID token verification is OFF (IdTokenVerifier.insecureNoVerification()): claims for"
            + " subject {} were read without checking signature, issuer, audience, expiry or"
            + " nonce",
        ClaimValues.shown(identity.subject()));
    return identity;
  }

  private static InvalidTokenException invalid(String message) {
    return new InvalidTokenException(message);
  }

  @Override
  public String toString() {
    JwtVerifier v = jwt;
    return v == null
        ? "IdTokenVerifier{INSECURE: no verification}"
        : "IdTokenVerifier{issuer="
            + v.issuer()
            + ", clientId="
            + clientId
            + ", algorithms="
            + v.algorithms()
            + '}';
  }

  /** Builds an {@link IdTokenVerifier}: a {@link JwtVerifier} for the client's ID tokens. */
  public static final class Builder {
    private final JwtVerifier.Builder jwt =
        JwtVerifier.builder().tokenName(NAME).algorithms(List.of("RS256"));
    private @Nullable String clientId;

    private Builder() {}

    /** The expected {@code iss}, compared exactly (a trailing slash matters). */
    public Builder issuer(String issuer) {
      jwt.issuer(issuer);
      return this;
    }

    /** The client the token must be issued to ({@code aud}, {@code azp}). */
    public Builder clientId(String clientId) {
      if (this.clientId != null) {
        throw new IllegalStateException("clientId was already set to " + this.clientId);
      }
      if (Objects.requireNonNull(clientId, "clientId").isBlank()) {
        throw new IllegalArgumentException("clientId must not be blank");
      }
      jwt.audience(clientId).audienceShown("client " + clientId);
      this.clientId = clientId;
      return this;
    }

    /** Where the provider publishes its signing keys; https unless loopback. */
    public Builder jwksUri(URI jwksUri) {
      jwt.jwksUri(jwksUri);
      return this;
    }

    /**
     * Allowed JWS algorithms, e.g. from discovery; default {@code RS256}. HMAC algorithms and
     * {@code none} in the list are ignored: they are never accepted.
     */
    public Builder algorithms(List<String> algorithms) {
      jwt.algorithms(algorithms);
      return this;
    }

    /** Clock skew for {@code exp}, {@code nbf} and {@code iat}; default 60 s. */
    public Builder skew(Duration skew) {
      jwt.skew(skew);
      return this;
    }

    /** The clock for expiry checks and the JWKS refetch interval; default the system clock. */
    public Builder clock(InstantSource clock) {
      jwt.clock(clock);
      return this;
    }

    /** How the JWKS is fetched; default {@link Transport#defaults()}. */
    public Builder transport(Transport transport) {
      jwt.transport(transport);
      return this;
    }

    /** Shortest time between two JWKS fetches caused by unknown key ids; default 30 s. */
    public Builder jwksRefetchInterval(Duration interval) {
      jwt.jwksRefetchInterval(interval);
      return this;
    }

    /**
     * The verifier.
     *
     * @throws IllegalStateException when issuer, clientId or jwksUri is missing, or the algorithms
     *     name no public-key signature
     */
    public IdTokenVerifier build() {
      String client = clientId;
      if (client == null) {
        if (jwt.issuer() == null) {
          throw new IllegalStateException("issuer is required");
        }
        throw new IllegalStateException("clientId is required");
      }
      return new IdTokenVerifier(jwt.build(), client);
    }
  }
}
