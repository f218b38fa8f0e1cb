package dev.lanyard.internal.oauth;

import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.internal.http.Answers;
import dev.lanyard.internal.http.Endpoints;
import dev.lanyard.internal.http.Exchange;
import dev.lanyard.internal.http.Json;
import dev.lanyard.internal.http.Requests;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Pushed authorization requests (RFC 9126): the authorization request's parameters go to the
 * provider directly, authenticated as the client; the browser's URL then carries only {@code
 * client_id} and the {@code request_uri} the provider gave back, so nothing in it can be read or
 * changed on the way.
 */
public final class PushedAuthorization {
  static final String WHAT = "the pushed authorization request endpoint";

  private PushedAuthorization() {}

  /** True when the login must push: configured so, or the provider requires it (RFC 9126 §5). */
  public static boolean wanted(boolean configured, ProviderMetadata m) {
    return configured || m.requirePushedAuthorizationRequests();
  }

  /**
   * Pushes {@code parameters} and returns the URL for the browser: {@code authorizationEndpoint}
   * with {@code client_id} and {@code request_uri}.
   *
   * @throws IllegalStateException when the provider has no PAR endpoint (before any request)
   */
  public static URI push(
      Transport transport,
      ProviderMetadata m,
      ClientAuthentication client,
      URI authorizationEndpoint,
      Map<String, String> parameters)
      throws IOException {
    URI plain =
        m.pushedAuthorizationRequestEndpoint()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "pushed authorization requests were asked for, but the provider announces"
                            + " no pushed_authorization_request_endpoint"));
    URI endpoint =
        ClientMethods.endpoint(m, client, "pushed_authorization_request_endpoint", plain);
    Endpoints.requireSecure(transport, endpoint, WHAT);
    ClientMethods.requireSupported(client, m);
    // Not replayable: each push makes a request_uri, but a second one is harmless (unused).
    HttpResponse<String> r =
        Exchange.of(transport)
            .send(
                Requests.form(
                    transport, endpoint, client, m.issuer().orElse(null), parameters, Map.of()),
                true,
                WHAT);
    if (r.statusCode() != 201 && r.statusCode() != 200) {
      throw Answers.error(r, WHAT);
    }
    Map<String, Object> json = Answers.object(r, WHAT);
    Optional<String> requestUri;
    try {
      requestUri = Json.string(json, "request_uri").filter(s -> !s.isBlank());
    } catch (ParseException e) {
      requestUri = Optional.empty();
    }
    if (requestUri.isEmpty()) {
      throw Answers.malformed(WHAT, r.statusCode(), "without a request_uri");
    }
    Map<String, String> q = new LinkedHashMap<>();
    q.put("client_id", client.clientId());
    q.put("request_uri", requestUri.get());
    return AuthorizationUrl.withQuery(authorizationEndpoint, q);
  }
}
