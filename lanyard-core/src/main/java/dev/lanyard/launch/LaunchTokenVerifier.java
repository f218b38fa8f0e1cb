package dev.lanyard.launch;

import dev.lanyard.InvalidTokenException;
import dev.lanyard.internal.jwt.JwtVerifier;
import dev.lanyard.internal.jwt.VerifiedJwt;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Verifies the URL tokens a portal (e.g. B-Fabric) launches a web app with: a JWT in the launch
 * URL, signed by the portal's identity provider, that says who the user is and what the app was
 * opened for.
 *
 * <pre>{@code
 * // once, at start-up
 * LaunchTokenVerifier launches = LaunchTokenVerifier.builder(
 *         ProviderMetadata.discover(URI.create("https://id.example.org/realms/lab")))
 *     .audience("my-app")
 *     .build();
 *
 * // GET /launch?token=eyJ...
 * LaunchToken launch = launches.verify(query.get("token"));
 * long dataset = launch.entityId().orElseThrow();
 * TokenSession user = launch.session();
 * }</pre>
 *
 * <p>The checks are {@link JwtVerifier}'s, with {@code exp} required: an expired URL token is
 * refused with an {@link InvalidTokenException} that says it expired, with or without a refresh
 * token (the launch link is stale; the person opens the app from the portal again). Claims the
 * typed accessors read must have the right type, and {@code sub} must be there. Thread-safe; one
 * verifier per provider is meant to be shared.
 */
public final class LaunchTokenVerifier {
  static final String NAME = "URL token";

  private final JwtVerifier jwt;
  private final ProviderMetadata provider;
  private final Transport transport;

  private LaunchTokenVerifier(Builder b) {
    JwtVerifier.Builder v =
        JwtVerifier.builder(b.provider)
            .tokenName(NAME)
            .skew(b.skew)
            .clock(b.clock)
            .transport(b.transport);
    if (b.audience != null) {
      v.audience(b.audience);
    }
    if (b.algorithms != null) {
      v.algorithms(b.algorithms);
    }
    this.jwt = v.build();
    this.provider = b.provider;
    this.transport = b.transport;
  }

  /** A verifier for URL tokens of this provider, checking no audience. */
  public static LaunchTokenVerifier forProvider(ProviderMetadata provider) {
    return builder(provider).build();
  }

  /**
   * A builder for URL tokens of this provider: its issuer and JWKS check the token, its token
   * endpoint renews the user's session.
   */
  public static Builder builder(ProviderMetadata provider) {
    return new Builder(provider);
  }

  /**
   * Verifies a URL token that came without a refresh token: its session lasts until the token
   * expires, and then ends with {@link dev.lanyard.LoginRequiredException}.
   *
   * @throws InvalidTokenException when the token fails a check, e.g. it expired
   * @throws IOException when the provider's JWKS cannot be fetched
   */
  public LaunchToken verify(String urlToken) throws IOException {
    return LaunchToken.of(urlToken, null, check(urlToken, false), this);
  }

  /**
   * Verifies a URL token that came with a refresh token: its session renews at the provider as a
   * public client under the token's {@code client_id} (or {@code azp}), like any session.
   *
   * @throws InvalidTokenException when the token fails a check, or names no client to renew as
   */
  public LaunchToken verify(String urlToken, String refreshToken) throws IOException {
    if (Objects.requireNonNull(refreshToken, "refreshToken").isEmpty()) {
      throw new IllegalArgumentException("refreshToken must not be empty");
    }
    return LaunchToken.of(urlToken, refreshToken, check(urlToken, true), this);
  }

  private VerifiedJwt check(String urlToken, boolean renewable) throws IOException {
    VerifiedJwt claims = jwt.verify(Objects.requireNonNull(urlToken, "urlToken"));
    if (claims.subject().filter(s -> !s.isEmpty()).isEmpty()) {
      throw new InvalidTokenException(NAME + " has no sub: it does not say who the user is");
    }
    LaunchToken.checkTypes(claims);
    if (renewable && LaunchToken.clientOf(claims).isEmpty()) {
      throw new InvalidTokenException(
          NAME + " names no client (client_id or azp), so its refresh token cannot be used");
    }
    return claims;
  }

  ProviderMetadata provider() {
    return provider;
  }

  Transport transport() {
    return transport;
  }

  @Override
  public String toString() {
    return "LaunchTokenVerifier{" + jwt + '}';
  }

  /** Builds a {@link LaunchTokenVerifier}. */
  public static final class Builder {
    private final ProviderMetadata provider;
    private @Nullable String audience;
    private @Nullable List<String> algorithms;
    private Duration skew = Duration.ofSeconds(30);
    private InstantSource clock = InstantSource.system();
    private Transport transport = Transport.defaults();

    private Builder(ProviderMetadata provider) {
      this.provider = Objects.requireNonNull(provider, "provider");
      if (provider.issuer().isEmpty() || provider.jwksUri().isEmpty()) {
        throw new IllegalArgumentException(
            "the provider metadata needs an issuer and a jwks_uri to check URL tokens: "
                + provider);
      }
    }

    /**
     * A value the token's {@code aud} must contain, e.g. this app's client id. Recommended: without
     * it, any token of the provider (for any app) is accepted.
     */
    public Builder audience(String audience) {
      if (this.audience != null) {
        throw new IllegalStateException("audience was already set to " + this.audience);
      }
      if (Objects.requireNonNull(audience, "audience").isBlank()) {
        throw new IllegalArgumentException("audience must not be blank");
      }
      this.audience = audience;
      return this;
    }

    /** Allowed JWS algorithms; default every public-key algorithm (see {@link JwtVerifier}). */
    public Builder algorithms(List<String> algorithms) {
      this.algorithms = List.copyOf(Objects.requireNonNull(algorithms, "algorithms"));
      return this;
    }

    /** Clock skew for {@code exp}, {@code nbf} and {@code iat}; default 30 s. */
    public Builder skew(Duration skew) {
      this.skew = Objects.requireNonNull(skew, "skew");
      return this;
    }

    /** The clock that judges expiry; default the system clock. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How the JWKS is fetched and sessions renew; default {@link Transport#defaults()}. */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * The verifier.
     *
     * @throws IllegalArgumentException when the JWKS URI is plain http to a non-loopback host
     */
    public LaunchTokenVerifier build() {
      return new LaunchTokenVerifier(this);
    }
  }
}
