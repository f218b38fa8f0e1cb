package dev.lanyard.internal.oauth;

import dev.lanyard.DpopKey;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.internal.http.TokenEndpoint;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.transport.Transport;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the provider's metadata says about a client's configuration, checked before any request is
 * sent: a method or algorithm the provider announces it does not accept would only earn an opaque
 * {@code invalid_client}. Metadata that announces nothing is taken to accept anything.
 */
public final class ClientMethods {
  private ClientMethods() {}

  /**
   * Fails when the provider lists its token endpoint authentication methods (or assertion signing
   * algorithms) and the client's is not among them.
   *
   * @throws IllegalStateException naming what the provider accepts
   */
  public static void requireSupported(ClientAuthentication client, ProviderMetadata m) {
    List<String> methods = m.tokenEndpointAuthMethods();
    String method = client.method().wireName();
    if (client.method() != ClientAuthentication.Method.NONE
        && !methods.isEmpty()
        && !methods.contains(method)) {
      throw new IllegalStateException(
          "the provider "
              + name(m)
              + " does not accept client authentication "
              + method
              + "; it accepts "
              + String.join(", ", methods));
    }
    List<String> algs = m.tokenEndpointAuthSigningAlgs();
    String alg =
        switch (client.method()) {
          case PRIVATE_KEY_JWT -> client.key().orElseThrow().algorithm();
          case CLIENT_SECRET_JWT -> "HS256";
          default -> null;
        };
    if (alg != null && !algs.isEmpty() && !algs.contains(alg)) {
      throw new IllegalStateException(
          "the provider "
              + name(m)
              + " does not accept client assertions signed "
              + alg
              + "; it accepts "
              + String.join(", ", algs));
    }
  }

  /** Fails when the provider lists its DPoP proof algorithms and the key's is not among them. */
  public static void requireDpop(DpopKey key, ProviderMetadata m) {
    List<String> algs = m.dpopSigningAlgs();
    if (!algs.isEmpty() && !algs.contains(key.algorithm())) {
      throw new IllegalStateException(
          "the provider "
              + name(m)
              + " does not accept DPoP proofs signed "
              + key.algorithm()
              + "; it accepts "
              + String.join(", ", algs));
    }
  }

  /**
   * The token endpoint of {@code m}, after checking that the provider accepts the client's
   * authentication method and, with a key, DPoP proofs: a mismatch fails before any request.
   */
  public static TokenEndpoint tokenEndpoint(
      ProviderMetadata m,
      ClientAuthentication client,
      Transport transport,
      InstantSource clock,
      Duration defaultLifetime,
      @Nullable DpopKey dpopKey) {
    requireSupported(client, m);
    if (dpopKey != null) {
      requireDpop(dpopKey, m);
    }
    URI endpoint = endpoint(m, client, "token_endpoint", m.tokenEndpoint());
    return new TokenEndpoint(
        endpoint, m.issuer().orElse(null), client, transport, clock, defaultLifetime, dpopKey);
  }

  /**
   * The endpoint a client calls for the metadata member {@code name} (e.g. {@code
   * revocation_endpoint}): RFC 8705 §5, a mutual-TLS client uses the provider's alias when it names
   * one; every other client, and a provider without one, {@code plain}.
   */
  public static URI endpoint(
      ProviderMetadata m, ClientAuthentication client, String name, URI plain) {
    return client.usesMutualTls() ? m.mtlsEndpointAliases().getOrDefault(name, plain) : plain;
  }

  private static String name(ProviderMetadata m) {
    return m.issuer().map(Object::toString).orElse(m.tokenEndpoint().toString());
  }
}
