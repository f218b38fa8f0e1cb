package dev.lanyard.provider;

import dev.lanyard.internal.http.Answers;
import dev.lanyard.internal.http.Endpoints;
import dev.lanyard.internal.http.Exchange;
import dev.lanyard.internal.http.Json;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Client management (RFC 7592): reads, updates or deletes a registered client at its client
 * configuration endpoint with its registration access token. A provider may rotate that token on
 * each use (Keycloak does): {@link #read} and {@link #update} return the client as the provider now
 * holds it, whose {@link RegisteredClient#registrationAccessToken()} is the one to use next; build
 * the next configuration from it with {@link #of(RegisteredClient, Transport)}.
 *
 * <pre>{@code
 * RegisteredClient client = registration.register();
 * RegisteredClient now = ClientConfiguration.of(client, transport).read();
 * now = ClientConfiguration.of(now, transport).update(Map.of("client_name", "Uploader 2"));
 * ClientConfiguration.of(now, transport).delete();
 * }</pre>
 */
public final class ClientConfiguration {
  static final String WHAT = "the client configuration endpoint";

  private final URI uri;
  private final String token;
  private final String clientId;
  private final Transport transport;

  private ClientConfiguration(URI uri, String token, String clientId, Transport transport) {
    this.uri = Objects.requireNonNull(uri, "registrationClientUri");
    this.token = Objects.requireNonNull(token, "registrationAccessToken");
    this.clientId = Objects.requireNonNull(clientId, "clientId");
    this.transport = Objects.requireNonNull(transport, "transport");
    if (token.isBlank()) {
      throw new IllegalArgumentException("registrationAccessToken must not be blank");
    }
    Endpoints.requireSecure(transport, uri, WHAT);
  }

  /**
   * The configuration of {@code client}, from its registration (or last management) response.
   *
   * @throws IllegalArgumentException when the response had no registration access token or client
   *     configuration URI: the provider does not let this client be managed
   */
  public static ClientConfiguration of(RegisteredClient client, Transport transport) {
    String token =
        client
            .registrationAccessToken()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the provider gave client "
                            + client.clientId()
                            + " no registration_access_token: it cannot be managed (RFC 7592)"));
    URI uri =
        client
            .registrationClientUri()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the provider gave client "
                            + client.clientId()
                            + " no registration_client_uri: it cannot be managed (RFC 7592)"));
    return new ClientConfiguration(uri, token, client.clientId(), transport);
  }

  /** The configuration at {@code registrationClientUri}, with that token, for {@code clientId}. */
  public static ClientConfiguration of(
      URI registrationClientUri,
      String registrationAccessToken,
      String clientId,
      Transport transport) {
    return new ClientConfiguration(
        registrationClientUri, registrationAccessToken, clientId, transport);
  }

  /** The client as the provider holds it now (RFC 7592 §2.1). */
  public RegisteredClient read() throws IOException {
    return client(send(base().GET(), true), 200);
  }

  /**
   * Replaces the client's metadata with {@code metadata} (RFC 7592 §2.2: the whole metadata, not a
   * patch; {@code client_id} is added). Members left out may be reset by the provider.
   */
  public RegisteredClient update(Map<String, Object> metadata) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>(metadata);
    body.put("client_id", clientId);
    HttpRequest.Builder put =
        base()
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
    return client(send(put, true), 200);
  }

  /** Deletes the client (RFC 7592 §2.3); its credentials stop working. */
  public void delete() throws IOException {
    HttpResponse<String> r = send(base().DELETE(), true);
    if (r.statusCode() != 204 && r.statusCode() != 200) {
      throw Answers.error(r, WHAT);
    }
  }

  private HttpRequest.Builder base() {
    return HttpRequest.newBuilder(uri)
        .timeout(transport.requestTimeout())
        .header("Accept", "application/json")
        .header("Authorization", "Bearer " + token);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, boolean replayable)
      throws IOException {
    return Exchange.of(transport).send(request.build(), replayable, WHAT);
  }

  private static RegisteredClient client(HttpResponse<String> r, int expected) throws IOException {
    if (r.statusCode() != expected) {
      throw Answers.error(r, WHAT);
    }
    return RegisteredClient.parse(Answers.object(r, WHAT), r.body().strip(), r.statusCode());
  }

  /** Where and for which client; never the token. */
  @Override
  public String toString() {
    return "ClientConfiguration{clientId=" + clientId + ", uri=" + uri + ", token=<redacted>}";
  }
}
