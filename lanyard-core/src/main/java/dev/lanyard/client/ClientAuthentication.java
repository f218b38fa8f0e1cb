package dev.lanyard.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a client proves who it is at the token endpoint: not at all (a public client), with its
 * secret in an HTTP Basic header ({@code client_secret_basic}) or with its secret in the form
 * ({@code client_secret_post}). {@link #toString()} never shows the secret.
 */
public final class ClientAuthentication {

  /** The token-endpoint authentication methods Lanyard speaks (RFC 7591 names). */
  public enum Method {
    NONE("none"),
    CLIENT_SECRET_BASIC("client_secret_basic"),
    CLIENT_SECRET_POST("client_secret_post");

    private final String wireName;

    Method(String wireName) {
      this.wireName = wireName;
    }

    /** The RFC 7591 name, e.g. {@code client_secret_basic}. */
    public String wireName() {
      return wireName;
    }
  }

  private final String clientId;
  private final Method method;
  private final String secret;

  private ClientAuthentication(String clientId, Method method, String secret) {
    if (Objects.requireNonNull(clientId, "clientId").isBlank()) {
      throw new IllegalArgumentException("clientId must not be blank");
    }
    if (method != Method.NONE && (secret == null || secret.isEmpty())) {
      throw new IllegalArgumentException("a client secret is required for " + method.wireName());
    }
    this.clientId = clientId;
    this.method = method;
    this.secret = secret;
  }

  /** A public client: sends only its {@code client_id}. */
  public static ClientAuthentication none(String clientId) {
    return new ClientAuthentication(clientId, Method.NONE, null);
  }

  /** A confidential client with its secret in an HTTP Basic header (RFC 6749 §2.3.1). */
  public static ClientAuthentication secretBasic(String clientId, String secret) {
    return new ClientAuthentication(clientId, Method.CLIENT_SECRET_BASIC, secret);
  }

  /** A confidential client with its secret in the request body. */
  public static ClientAuthentication secretPost(String clientId, String secret) {
    return new ClientAuthentication(clientId, Method.CLIENT_SECRET_POST, secret);
  }

  public String clientId() {
    return clientId;
  }

  public Method method() {
    return method;
  }

  /** True for a confidential client (one with a secret). */
  public boolean isConfidential() {
    return method != Method.NONE;
  }

  /**
   * The {@code Authorization} header to send, if this method uses one. Id and secret are
   * form-encoded before Base64, as RFC 6749 §2.3.1 requires.
   */
  public Optional<String> authorizationHeader() {
    if (method != Method.CLIENT_SECRET_BASIC) {
      return Optional.empty();
    }
    String pair = formEncode(clientId) + ":" + formEncode(secret);
    return Optional.of(
        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  /** Adds this method's form parameters ({@code client_id}, and the secret for POST). */
  public void addFormParameters(Map<String, String> form) {
    if (method != Method.CLIENT_SECRET_BASIC) {
      form.put("client_id", clientId);
    }
    if (method == Method.CLIENT_SECRET_POST) {
      form.put("client_secret", secret);
    }
  }

  private static String formEncode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "ClientAuthentication{clientId="
        + clientId
        + ", method="
        + method.wireName()
        + (secret != null ? ", secret=[redacted]" : "")
        + '}';
  }
}
