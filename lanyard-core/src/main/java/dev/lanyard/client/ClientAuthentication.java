package dev.lanyard.client;

import dev.lanyard.internal.secret.FixedSecret;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * How a client proves who it is to its provider: not at all (a public client), with its secret in
 * an HTTP Basic header ({@code client_secret_basic}) or with its secret in the form ({@code
 * client_secret_post}). Pure data: what goes on the wire for a request is worked out when the
 * request is sent. {@link #toString()} never shows the secret.
 */
public final class ClientAuthentication {

  /** The client authentication methods Lanyard speaks (RFC 7591 names). */
  public enum Method {
    /** A public client: sends only its {@code client_id}. */
    NONE("none"),
    /** The secret in an HTTP Basic header (RFC 6749 §2.3.1). */
    CLIENT_SECRET_BASIC("client_secret_basic"),
    /** The secret in the form body (RFC 6749 §2.3.1). */
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
  private final @Nullable Supplier<String> secret;

  private ClientAuthentication(String clientId, Method method, @Nullable Supplier<String> secret) {
    if (Objects.requireNonNull(clientId, "clientId").isBlank()) {
      throw new IllegalArgumentException("clientId must not be blank");
    }
    this.clientId = clientId;
    this.method = method;
    this.secret = secret;
  }

  private static Supplier<String> secret(@Nullable String secret, Method method) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("a client secret is required for " + method.wireName());
    }
    return FixedSecret.of(secret, "secret");
  }

  /** A public client: sends only its {@code client_id}. */
  public static ClientAuthentication none(String clientId) {
    return new ClientAuthentication(clientId, Method.NONE, null);
  }

  /** A confidential client with its secret in an HTTP Basic header (RFC 6749 §2.3.1). */
  public static ClientAuthentication secretBasic(String clientId, String secret) {
    Method method = Method.CLIENT_SECRET_BASIC;
    return new ClientAuthentication(clientId, method, secret(secret, method));
  }

  /** A confidential client with its secret in the request body. */
  public static ClientAuthentication secretPost(String clientId, String secret) {
    Method method = Method.CLIENT_SECRET_POST;
    return new ClientAuthentication(clientId, method, secret(secret, method));
  }

  /** The client's {@code client_id} at its provider. */
  public String clientId() {
    return clientId;
  }

  /** How the client authenticates. */
  public Method method() {
    return method;
  }

  /** True for a confidential client (one with a secret). */
  public boolean isConfidential() {
    return method != Method.NONE;
  }

  /** The client secret, asked only when a request is sent; empty for a public client. */
  public Optional<Supplier<String>> secret() {
    return Optional.ofNullable(secret);
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
