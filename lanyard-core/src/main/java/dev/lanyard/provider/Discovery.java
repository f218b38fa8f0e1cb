package dev.lanyard.provider;

import dev.lanyard.MalformedResponseException;
import dev.lanyard.internal.http.Answers;
import dev.lanyard.internal.http.Bodies;
import dev.lanyard.internal.http.Endpoints;
import dev.lanyard.internal.http.Exchange;
import dev.lanyard.internal.http.Requests;
import dev.lanyard.internal.text.Printable;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/** OIDC discovery and RFC 8414, with a per-issuer cache. */
final class Discovery {
  private static final Duration TTL = Duration.ofHours(1);
  private static final ConcurrentHashMap<String, Entry> CACHE = new ConcurrentHashMap<>();

  private record Entry(ProviderMetadata metadata, Instant fetchedAt) {}

  private Discovery() {}

  static ProviderMetadata discover(URI issuer, Transport transport) throws IOException {
    String key = normalize(issuer);
    Entry cached = CACHE.get(key);
    if (cached != null && cached.fetchedAt.plus(TTL).isAfter(Instant.now())) {
      return cached.metadata;
    }
    ProviderMetadata fetched = fetch(issuer, key, transport);
    CACHE.put(key, new Entry(fetched, Instant.now()));
    return fetched;
  }

  private static ProviderMetadata fetch(URI issuer, String key, Transport transport)
      throws IOException {
    Endpoints.requireSecure(transport, issuer, "the issuer");
    URI oidc = URI.create(key + "/.well-known/openid-configuration");
    HttpResponse<String> response = get(transport, oidc);
    if (response.statusCode() == 404) {
      // RFC 8414 §3: the well-known segment goes between host and path.
      String path = issuer.getRawPath() == null ? "" : stripSlash(issuer.getRawPath());
      URI rfc8414 =
          URI.create(
              issuer.getScheme()
                  + "://"
                  + issuer.getRawAuthority()
                  + "/.well-known/oauth-authorization-server"
                  + path);
      response = get(transport, rfc8414);
    }
    if (response.statusCode() != 200) {
      throw new MalformedResponseException(
          "no discovery document for issuer "
              + key
              + " (HTTP "
              + response.statusCode()
              + "); check the issuer URL or give the endpoints explicitly",
          response.statusCode());
    }
    ProviderMetadata metadata;
    try {
      metadata = ProviderMetadata.parse(response.body());
    } catch (MalformedResponseException e) {
      throw Answers.malformed(
          "the discovery endpoint",
          200,
          "("
              + response.headers().firstValue("Content-Type").orElse("no content type")
              + ") with "
              + Printable.line(String.valueOf(e.getMessage())));
    }
    String announced = metadata.issuer().map(Discovery::normalize).orElse("");
    if (!announced.equals(key)) {
      throw new MalformedResponseException(
          "discovery document for " + key + " names another issuer: " + announced, 200);
    }
    return metadata;
  }

  private static HttpResponse<String> get(Transport transport, URI uri) throws IOException {
    HttpRequest request = Requests.get(transport, uri, "application/json");
    return Exchange.of(transport)
        .send(request, true, "the discovery endpoint", Bodies.Limit.DISCOVERY);
  }

  static String normalize(URI issuer) {
    return stripSlash(issuer.toString());
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** Forgets cached documents (tests, key rotation drills). */
  static void clear() {
    CACHE.clear();
  }
}
