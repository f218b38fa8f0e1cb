package dev.lanyard.session;

import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.internal.http.Exchange;
import dev.lanyard.internal.http.Revocation;
import dev.lanyard.internal.oauth.ClientMethods;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A session's way to its provider's revocation endpoint, found in the metadata on first use. */
final class Revoker {
  private final ProviderSource provider;
  private final @Nullable ClientAuthentication client;
  private final Transport transport;

  Revoker(ProviderSource provider, @Nullable ClientAuthentication client, Transport transport) {
    this.provider = provider;
    this.client = client;
    this.transport = transport;
  }

  /** Revokes {@code tokens}; false when the provider offers no revocation endpoint. */
  boolean revoke(TokenSet tokens) throws IOException {
    ClientAuthentication c = client;
    if (c == null || !provider.configured()) {
      return false;
    }
    Optional<URI> endpoint = provider.metadata().revocationEndpoint();
    if (endpoint.isEmpty()) {
      return false;
    }
    ProviderMetadata m = provider.metadata();
    URI uri = ClientMethods.endpoint(m, c, "revocation_endpoint", endpoint.get());
    new Revocation(Exchange.of(transport), uri, c, m.issuer().orElse(null)).revoke(tokens);
    return true;
  }
}
