package dev.lanyard.internal.http;

import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.transport.Transport;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The requests Lanyard sends to providers, built one way: the transport's request timeout, an
 * {@code Accept} header, forms encoded as RFC 6749 Appendix B says, the client authenticated as for
 * the token endpoint. Send them with {@link Exchange}.
 */
public final class Requests {
  private static final String JSON = "application/json";
  private static final String FORM = "application/x-www-form-urlencoded";

  private Requests() {}

  /** A GET that accepts {@code accept}. */
  public static HttpRequest get(Transport transport, URI uri, String accept) {
    return base(transport, uri, accept).GET().build();
  }

  /** A form POST, authenticated as {@code client} (form parameters or Basic header). */
  public static HttpRequest form(
      Transport transport, URI uri, ClientAuthentication client, Map<String, String> parameters) {
    return form(transport, uri, client, null, parameters, Map.of());
  }

  /**
   * A form POST to an endpoint of the provider {@code issuer} (null when unknown), authenticated as
   * {@code client}, with {@code headers} added (e.g. a DPoP proof).
   */
  public static HttpRequest form(
      Transport transport,
      URI uri,
      ClientAuthentication client,
      @Nullable URI issuer,
      Map<String, String> parameters,
      Map<String, String> headers) {
    ClientProof proof = ClientProof.of(client, uri, issuer);
    Map<String, String> form = new LinkedHashMap<>(parameters);
    form.putAll(proof.parameters());
    HttpRequest.Builder b =
        base(transport, uri, JSON)
            .header("Content-Type", FORM)
            .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)));
    proof.headers().forEach(b::header);
    headers.forEach(b::header);
    return b.build();
  }

  /** A form POST with an optional {@code Authorization} header. */
  public static HttpRequest form(
      Transport transport, URI uri, Map<String, String> form, Optional<String> authorization) {
    HttpRequest.Builder b =
        base(transport, uri, JSON)
            .header("Content-Type", FORM)
            .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)));
    authorization.ifPresent(h -> b.header("Authorization", h));
    return b.build();
  }

  /** A JSON POST with an optional {@code Authorization} header. */
  public static HttpRequest json(
      Transport transport, URI uri, String json, Optional<String> authorization) {
    HttpRequest.Builder b =
        base(transport, uri, JSON)
            .header("Content-Type", JSON)
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    authorization.ifPresent(h -> b.header("Authorization", h));
    return b.build();
  }

  /** {@code application/x-www-form-urlencoded} in the map's order, UTF-8. */
  public static String formEncode(Map<String, String> form) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : form.entrySet()) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  private static HttpRequest.Builder base(Transport transport, URI uri, String accept) {
    return HttpRequest.newBuilder(uri).timeout(transport.requestTimeout()).header("Accept", accept);
  }
}
