package dev.lanyard.provider;

import dev.lanyard.MalformedResponseException;
import dev.lanyard.internal.http.Json;
import dev.lanyard.internal.text.Printable;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A client the provider registered (RFC 7591 §3.2.1): its id, its secret when it has one, and the
 * registration access token and client configuration URI with which it can later be read, updated
 * or deleted (RFC 7592). Secrets are redacted in {@link #toString()}.
 */
public final class RegisteredClient {
  private final String clientId;
  private final @Nullable String clientSecret;
  private final @Nullable Instant clientSecretExpiresAt;
  private final @Nullable String registrationAccessToken;
  private final @Nullable URI registrationClientUri;
  private final Map<String, Object> metadata;
  private final String json;

  private RegisteredClient(
      String clientId,
      @Nullable String clientSecret,
      @Nullable Instant clientSecretExpiresAt,
      @Nullable String registrationAccessToken,
      @Nullable URI registrationClientUri,
      Map<String, Object> metadata,
      String json) {
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.clientSecretExpiresAt = clientSecretExpiresAt;
    this.registrationAccessToken = registrationAccessToken;
    this.registrationClientUri = registrationClientUri;
    this.metadata = metadata;
    this.json = json;
  }

  /** Reads a registration response; {@code json} is its text as the provider sent it. */
  static RegisteredClient parse(Map<String, Object> o, String json, int status)
      throws MalformedResponseException {
    try {
      String id =
          Json.string(o, "client_id")
              .filter(s -> !s.isBlank())
              .orElseThrow(() -> new ParseException("no client_id", 0));
      // RFC 7591 §3.2.1: 0 means the secret never expires.
      Optional<Long> expiresAt = Json.number(o, "client_secret_expires_at").filter(n -> n > 0);
      Instant expires = null;
      if (expiresAt.isPresent()) {
        if (expiresAt.get() > Instant.MAX.getEpochSecond()) {
          throw new ParseException("client_secret_expires_at is out of range", 0);
        }
        expires = Instant.ofEpochSecond(expiresAt.get());
      }
      URI clientUri = null;
      Optional<String> u = Json.string(o, "registration_client_uri");
      if (u.isPresent()) {
        clientUri = new URI(u.get());
      }
      return new RegisteredClient(
          id,
          Json.string(o, "client_secret").filter(s -> !s.isEmpty()).orElse(null),
          expires,
          Json.string(o, "registration_access_token").filter(s -> !s.isEmpty()).orElse(null),
          clientUri,
          Collections.unmodifiableMap(o),
          json);
    } catch (ParseException | URISyntaxException e) {
      throw new MalformedResponseException(
          ClientRegistration.WHAT
              + " answered HTTP "
              + status
              + " with an invalid registration response: "
              + (e instanceof URISyntaxException
                  ? "registration_client_uri is not a URI"
                  : Printable.line(String.valueOf(e.getMessage()))),
          status,
          e);
    }
  }

  /** The new client's {@code client_id}. */
  public String clientId() {
    return clientId;
  }

  /** The {@code client_secret}, for a confidential client. */
  public Optional<String> clientSecret() {
    return Optional.ofNullable(clientSecret);
  }

  /** When the secret expires; empty when it never does or there is none. */
  public Optional<Instant> clientSecretExpiresAt() {
    return Optional.ofNullable(clientSecretExpiresAt);
  }

  /** The token that reads, updates or deletes this registration (RFC 7592). */
  public Optional<String> registrationAccessToken() {
    return Optional.ofNullable(registrationAccessToken);
  }

  /** The client configuration endpoint of this registration (RFC 7592). */
  public Optional<URI> registrationClientUri() {
    return Optional.ofNullable(registrationClientUri);
  }

  /** Every member of the response, including the metadata the provider accepted or set. */
  public Map<String, Object> metadata() {
    return metadata;
  }

  /** The response as the provider sent it (it holds the secrets). */
  public String json() {
    return json;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegisteredClient c && json.equals(c.json);
  }

  @Override
  public int hashCode() {
    return Objects.hash(json);
  }

  @Override
  public String toString() {
    return "RegisteredClient{clientId="
        + clientId
        + ", clientSecret="
        + (clientSecret == null ? "none" : "<redacted>")
        + ", registrationAccessToken="
        + (registrationAccessToken == null ? "none" : "<redacted>")
        + ", registrationClientUri="
        + registrationClientUri
        + '}';
  }
}
