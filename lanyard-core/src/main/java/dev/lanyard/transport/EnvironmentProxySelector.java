package dev.lanyard.transport;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Picks the proxy for a request the way curl does: {@code https_proxy} for https URLs, {@code
 * http_proxy} for http URLs, none when {@code no_proxy} exempts the host. Also the {@code
 * Proxy-Authorization} for the chosen proxy, from its URL's credentials.
 */
final class EnvironmentProxySelector extends ProxySelector {
  private static final List<Proxy> DIRECT = List.of(Proxy.NO_PROXY);

  private final @Nullable ProxyAddress https;
  private final @Nullable ProxyAddress http;
  private final NoProxy noProxy;

  EnvironmentProxySelector(
      @Nullable ProxyAddress https, @Nullable ProxyAddress http, NoProxy noProxy) {
    this.https = https;
    this.http = http;
    this.noProxy = noProxy;
  }

  /** The proxy for {@code uri}, or empty when it goes direct. */
  Optional<ProxyAddress> proxyFor(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    ProxyAddress p = scheme.equals("https") ? https : scheme.equals("http") ? http : null;
    if (p == null || uri.getHost() == null || exemption(uri).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(p);
  }

  /** The {@code no_proxy} entry that exempts {@code uri}, if any. */
  Optional<String> exemption(URI uri) {
    String host = uri.getHost();
    if (host == null) {
      return Optional.empty();
    }
    int port = uri.getPort();
    if (port == -1) {
      port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
    return noProxy.match(host, port);
  }

  @Override
  public List<Proxy> select(URI uri) {
    return proxyFor(uri)
        .map(p -> List.of(new Proxy(Proxy.Type.HTTP, p.socketAddress())))
        .orElse(DIRECT);
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
    // One proxy per scheme: nothing else to try.
  }

  boolean hasCredentials() {
    return (https != null && https.hasCredentials()) || (http != null && http.hasCredentials());
  }

  /** {@code Basic base64(user:password)} for the proxy {@code uri} goes through, if it has them. */
  Optional<String> proxyAuthorization(URI uri) {
    return proxyFor(uri)
        .map(ProxyAddress::credentials)
        .map(
            pa -> {
              String pair = pa.getUserName() + ":" + new String(pa.getPassword());
              return "Basic "
                  + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
            });
  }
}
