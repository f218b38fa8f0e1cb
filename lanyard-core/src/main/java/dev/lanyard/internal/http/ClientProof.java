package dev.lanyard.internal.http;

import dev.lanyard.client.ClientAuthentication;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What a client's authentication adds to one request to a provider endpoint: headers and form
 * parameters, made per request (a signed client assertion, RFC 7523, will name the endpoint and
 * change every time). Secrets are drawn here, when the request is made. {@link #toString()} shows
 * names only.
 */
public record ClientProof(Map<String, String> headers, Map<String, String> parameters) {

  /** Copies headers and parameters, in order. */
  public ClientProof {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /** The proof {@code client} gives in a request to {@code endpoint}, the issuer unknown. */
  public static ClientProof of(ClientAuthentication client, URI endpoint) {
    return of(client, endpoint, null);
  }

  /**
   * The proof {@code client} gives in a request to {@code endpoint} of the provider {@code issuer}
   * (may be null when unknown: an assertion then names the endpoint).
   */
  public static ClientProof of(ClientAuthentication client, URI endpoint, @Nullable URI issuer) {
    Objects.requireNonNull(endpoint, "endpoint");
    Map<String, String> headers = new LinkedHashMap<>();
    Map<String, String> parameters = new LinkedHashMap<>();
    switch (client.method()) {
      case NONE, TLS_CLIENT_AUTH, SELF_SIGNED_TLS_CLIENT_AUTH ->
          // RFC 8705 §2: the certificate is in the TLS handshake; the form names the client.
          parameters.put("client_id", client.clientId());
      case CLIENT_SECRET_BASIC -> headers.put("Authorization", basic(client));
      case CLIENT_SECRET_POST -> {
        parameters.put("client_id", client.clientId());
        parameters.put("client_secret", secret(client));
      }
      case PRIVATE_KEY_JWT, CLIENT_SECRET_JWT -> {
        parameters.put("client_id", client.clientId());
        parameters.put("client_assertion_type", ClientAssertions.TYPE);
        parameters.put("client_assertion", ClientAssertions.sign(client, endpoint, issuer));
      }
    }
    return new ClientProof(headers, parameters);
  }

  /**
   * RFC 6749 §2.3.1: id and secret are form-encoded before Base64, so a ':' in the id cannot be
   * taken for the separator.
   */
  private static String basic(ClientAuthentication client) {
    String pair = formEncode(client.clientId()) + ":" + formEncode(secret(client));
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  static String secret(ClientAuthentication client) {
    Supplier<String> secrets = client.secret().orElseThrow();
    String secret = secrets.get();
    if (secret == null || secret.isEmpty()) {
      throw new IllegalStateException("the client secret supplier gave no secret");
    }
    return secret;
  }

  private static String formEncode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "ClientProof{headers=" + headers.keySet() + ", parameters=" + parameters.keySet() + '}';
  }
}
