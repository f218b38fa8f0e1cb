package dev.lanyard.provider;

import dev.lanyard.MalformedResponseException;
import dev.lanyard.Scope;
import dev.lanyard.internal.http.Answers;
import dev.lanyard.internal.http.Bodies;
import dev.lanyard.internal.http.Endpoints;
import dev.lanyard.internal.http.Exchange;
import dev.lanyard.internal.http.Json;
import dev.lanyard.internal.http.Requests;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Dynamic client registration (RFC 7591): sends a new client's metadata to the provider's
 * registration endpoint and returns the client it created, with its credentials.
 *
 * <pre>{@code
 * RegisteredClient client = ClientRegistration.builder(metadata.registrationEndpoint().orElseThrow())
 *     .clientName("Plate reader uploader")
 *     .grantTypes(List.of("client_credentials"))
 *     .initialAccessToken(token)
 *     .build()
 *     .register();
 * }</pre>
 *
 * <p>A registration is not replayable: it is sent again only when the provider did not process it
 * (connection refused, 429, 503), since a second request could create a second client.
 */
public final class ClientRegistration {
  static final String WHAT = "the registration endpoint";

  private final URI endpoint;
  private final Map<String, Object> metadata;
  private final @Nullable String initialAccessToken;
  private final Transport transport;

  private ClientRegistration(Builder b) {
    this.endpoint = b.endpoint;
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
    this.initialAccessToken = b.initialAccessToken;
    this.transport = b.transport;
  }

  /** A registration at {@code registrationEndpoint}, usually from {@link ProviderMetadata}. */
  public static Builder builder(URI registrationEndpoint) {
    return new Builder(registrationEndpoint);
  }

  /** The client metadata this registration sends (RFC 7591 §2). */
  public Map<String, Object> metadata() {
    return metadata;
  }

  /**
   * Registers the client.
   *
   * @throws dev.lanyard.ProviderErrorException when the provider refuses (e.g. {@code
   *     invalid_redirect_uri}, {@code invalid_client_metadata})
   * @throws MalformedResponseException when the answer is not a registration response
   */
  public RegisteredClient register() throws IOException {
    Optional<String> bearer = Optional.ofNullable(initialAccessToken).map(t -> "Bearer " + t);
    HttpResponse<String> r =
        Exchange.of(transport)
            .send(
                Requests.json(transport, endpoint, Json.write(metadata), bearer),
                false,
                WHAT,
                Bodies.Limit.REGISTRATION);
    if (r.statusCode() != 201 && r.statusCode() != 200) {
      throw Answers.error(r, WHAT);
    }
    return RegisteredClient.parse(Answers.object(r, WHAT), r.body().strip(), r.statusCode());
  }

  @Override
  public String toString() {
    return "ClientRegistration{endpoint=" + endpoint + ", metadata=" + metadata.keySet() + '}';
  }

  /** Builds a {@link ClientRegistration}; each member may be set once. */
  public static final class Builder {
    private final URI endpoint;
    private final Map<String, Object> metadata = new LinkedHashMap<>();
    private @Nullable String initialAccessToken;
    private Transport transport = Transport.defaults();

    private Builder(URI endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "registrationEndpoint");
      if (!endpoint.isAbsolute() || endpoint.getHost() == null) {
        throw new IllegalArgumentException(
            "registrationEndpoint must be an absolute URI with a host, was " + endpoint);
      }
    }

    /** {@code client_name}: what a person sees when asked to allow the client. */
    public Builder clientName(String name) {
      return metadata("client_name", name);
    }

    /** {@code redirect_uris}: absolute URIs. */
    public Builder redirectUris(List<URI> uris) {
      for (URI uri : uris) {
        if (!uri.isAbsolute()) {
          throw new IllegalArgumentException("redirect URI " + uri + " is not absolute");
        }
      }
      return metadata("redirect_uris", uris.stream().map(URI::toString).toList());
    }

    /** {@code grant_types}, e.g. {@code authorization_code}, {@code refresh_token}. */
    public Builder grantTypes(List<String> grantTypes) {
      return metadata("grant_types", List.copyOf(grantTypes));
    }

    /** {@code scope}: the scopes the client may ask for. */
    public Builder scope(Scope scope) {
      return metadata("scope", scope.toString());
    }

    /**
     * Any other client metadata member (RFC 7591 §2, OIDC Registration), e.g. {@code
     * token_endpoint_auth_method}; the value must be a string, number, boolean, or a list of those.
     */
    public Builder metadata(String name, Object value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, name);
      if (metadata.containsKey(name)) {
        throw new IllegalStateException(name + " was already set to " + metadata.get(name));
      }
      metadata.put(name, value);
      return this;
    }

    /** The initial access token the provider requires for registration (RFC 7591 §3), if any. */
    public Builder initialAccessToken(String token) {
      if (initialAccessToken != null) {
        throw new IllegalStateException("initialAccessToken was already set");
      }
      if (Objects.requireNonNull(token, "initialAccessToken").isBlank()) {
        throw new IllegalArgumentException("initialAccessToken must not be blank");
      }
      this.initialAccessToken = token;
      return this;
    }

    /** How the provider is reached; default {@link Transport#defaults()}. */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * The registration, ready to send.
     *
     * @throws IllegalArgumentException when the registration endpoint is plain http to a host other
     *     than a loopback one and the transport does not allow insecure HTTP
     */
    public ClientRegistration build() {
      Endpoints.requireSecure(transport, endpoint, WHAT);
      return new ClientRegistration(this);
    }
  }
}
