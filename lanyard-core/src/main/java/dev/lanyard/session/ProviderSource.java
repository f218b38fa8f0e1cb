package dev.lanyard.session;

import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/** The provider's metadata, given or discovered on first use. */
final class ProviderSource {
  static final ProviderSource NONE = new ProviderSource(null, null, Transport.defaults());

  private final @Nullable URI issuer;
  private final Transport transport;
  private volatile @Nullable ProviderMetadata metadata;

  private ProviderSource(
      @Nullable URI issuer, @Nullable ProviderMetadata metadata, Transport transport) {
    this.issuer = issuer;
    this.metadata = metadata;
    this.transport = transport;
  }

  static ProviderSource of(ProviderMetadata metadata, Transport transport) {
    return new ProviderSource(null, metadata, transport);
  }

  static ProviderSource discover(URI issuer, Transport transport) {
    return new ProviderSource(issuer, null, transport);
  }

  boolean configured() {
    return issuer != null || metadata != null;
  }

  ProviderMetadata metadata() throws IOException {
    ProviderMetadata m = metadata;
    if (m == null) {
      if (issuer == null) {
        throw new IllegalStateException(
            "no provider configured: set an issuer or a token endpoint");
      }
      metadata = m = ProviderMetadata.discover(issuer, transport);
    }
    return m;
  }

  Transport transport() {
    return transport;
  }

  @Override
  public String toString() {
    return issuer != null
        ? issuer.toString()
        : metadata != null ? metadata.tokenEndpoint().toString() : "none";
  }
}
