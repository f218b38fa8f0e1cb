package dev.lanyard.verify;

import dev.lanyard.IdentityMismatchException;
import dev.lanyard.InvalidTokenException;
import dev.lanyard.http.Transport;
import dev.lanyard.provider.ProviderMetadata;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/**
 * Verifies OpenID Connect ID tokens against the provider's JWKS (skeleton: being implemented).
 *
 * <p>Checks: signature with a key from the JWKS (an unknown {@code kid} refetches the JWKS, rate
 * limited, so key rotation works); algorithm in the allow-list (from discovery), never {@code
 * none}, never HMAC; {@code iss}; {@code aud} contains the client id, and {@code azp} equals it
 * when there are several audiences; {@code exp} and {@code iat} with skew; {@code nonce} when one
 * is expected.
 */
public final class IdTokenVerifier {

  private IdTokenVerifier() {}

  /** A verifier for tokens of this provider's issuer and JWKS, issued to {@code clientId}. */
  public static IdTokenVerifier forProvider(
      ProviderMetadata provider, String clientId, Transport transport) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * A "verifier" that checks nothing and only reads claims, logging a warning on every use. For
   * development against a provider whose keys cannot be fetched; never the default.
   */
  public static IdTokenVerifier insecureNoVerification() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Verifies a token that must carry this {@code nonce} (authorization code flow). */
  public Identity verify(String idToken, String expectedNonce) throws IOException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Verifies a token that carries no nonce of ours (device flow, refresh). */
  public Identity verify(String idToken) throws IOException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Fails with {@link IdentityMismatchException} unless the identity's e-mail is verified and
   * equals {@code expectedEmail}, ignoring case.
   */
  public static void requireEmail(Identity identity, String expectedEmail)
      throws IdentityMismatchException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Builds an {@link IdTokenVerifier}. */
  public static final class Builder {
    private Builder() {}

    public Builder issuer(String issuer) {
      return this;
    }

    public Builder clientId(String clientId) {
      return this;
    }

    public Builder jwksUri(URI jwksUri) {
      return this;
    }

    /** Allowed JWS algorithms, e.g. from discovery; default {@code RS256}. */
    public Builder algorithms(List<String> algorithms) {
      return this;
    }

    /** Clock skew for {@code exp}/{@code iat}; default 60 s. */
    public Builder skew(Duration skew) {
      return this;
    }

    public Builder clock(InstantSource clock) {
      return this;
    }

    public Builder transport(Transport transport) {
      return this;
    }

    /** Shortest time between two JWKS fetches caused by unknown key ids; default 30 s. */
    public Builder jwksRefetchInterval(Duration interval) {
      return this;
    }

    public IdTokenVerifier build() {
      throw new UnsupportedOperationException("not implemented yet");
    }
  }

  static InvalidTokenException invalid(String message) {
    return new InvalidTokenException(message);
  }
}
