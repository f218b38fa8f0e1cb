package dev.lanyard.client;

import dev.lanyard.internal.secret.FixedSecret;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * How a client proves who it is to its provider: not at all (a public client), with its secret in
 * an HTTP Basic header ({@code client_secret_basic}) or in the form ({@code client_secret_post}),
 * or with a JWT signed for each request (RFC 7523 §2.2) with its private key ({@code
 * private_key_jwt}) or its secret ({@code client_secret_jwt}). Pure data: what goes on the wire for
 * a request is worked out when the request is sent, so every assertion has its own {@code jti} and
 * a short {@code exp}. {@link #toString()} never shows a secret or key.
 *
 * <pre>{@code
 * ClientKey key = ClientKey.load(Path.of("client-key.pem")).withKeyId("k1");
 * ClientAuthentication client = ClientAuthentication.privateKeyJwt("service", key);
 * }</pre>
 */
public final class ClientAuthentication {

  /** The client authentication methods Lanyard speaks (RFC 7591 names). */
  public enum Method {
    /** A public client: sends only its {@code client_id}. */
    NONE("none"),
    /** The secret in an HTTP Basic header (RFC 6749 §2.3.1). */
    CLIENT_SECRET_BASIC("client_secret_basic"),
    /** The secret in the form body (RFC 6749 §2.3.1). */
    CLIENT_SECRET_POST("client_secret_post"),
    /** A JWT signed with the client's private key (RFC 7523 §2.2, OIDC Core §9). */
    PRIVATE_KEY_JWT("private_key_jwt"),
    /** A JWT signed with HMAC SHA-256 under the client's secret (OIDC Core §9). */
    CLIENT_SECRET_JWT("client_secret_jwt"),
    /** A CA-issued client certificate in the TLS handshake (RFC 8705 §2.1). */
    TLS_CLIENT_AUTH("tls_client_auth"),
    /** A self-signed client certificate in the TLS handshake (RFC 8705 §2.2). */
    SELF_SIGNED_TLS_CLIENT_AUTH("self_signed_tls_client_auth");

    private final String wireName;

    Method(String wireName) {
      this.wireName = wireName;
    }

    /** The RFC 7591 name, e.g. {@code client_secret_basic}. */
    public String wireName() {
      return wireName;
    }
  }

  /** What a client assertion's {@code aud} names. */
  public enum Audience {
    /**
     * The provider's issuer identifier (the default; RFC 7523bis): one value for every endpoint.
     */
    ISSUER,
    /** The URL of the endpoint the request goes to, for providers that want that. */
    ENDPOINT
  }

  private final String clientId;
  private final Method method;
  private final @Nullable Supplier<String> secret;
  private final @Nullable ClientKey key;
  private final Audience audience;

  private ClientAuthentication(String clientId, Method method, @Nullable Supplier<String> secret) {
    this(clientId, method, secret, null, Audience.ISSUER);
  }

  private ClientAuthentication(
      String clientId,
      Method method,
      @Nullable Supplier<String> secret,
      @Nullable ClientKey key,
      Audience audience) {
    if (Objects.requireNonNull(clientId, "clientId").isBlank()) {
      throw new IllegalArgumentException("clientId must not be blank");
    }
    this.clientId = clientId;
    this.method = method;
    this.secret = secret;
    this.key = key;
    this.audience = Objects.requireNonNull(audience, "audience");
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

  /**
   * A confidential client that signs a JWT with its private key for every request ({@code
   * private_key_jwt}, RFC 7523 §2.2).
   */
  public static ClientAuthentication privateKeyJwt(String clientId, ClientKey key) {
    Objects.requireNonNull(key, "key");
    return new ClientAuthentication(clientId, Method.PRIVATE_KEY_JWT, null, key, Audience.ISSUER);
  }

  /**
   * A confidential client that signs a JWT with HS256 under its secret for every request ({@code
   * client_secret_jwt}); the secret must be at least 32 bytes long.
   */
  public static ClientAuthentication clientSecretJwt(String clientId, String secret) {
    Method method = Method.CLIENT_SECRET_JWT;
    if (secret != null && secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
      throw new IllegalArgumentException(
          "client_secret_jwt signs with HS256, which needs a secret of at least 32 bytes");
    }
    return new ClientAuthentication(clientId, method, secret(secret, method));
  }

  /**
   * A confidential client that proves itself with its certificate in the TLS handshake (RFC 8705
   * §2.1, {@code tls_client_auth}); the requests carry only its {@code client_id}. The certificate
   * goes into the transport: {@code Transport.builder().sslContext(certificate.sslContext(...))}.
   */
  public static ClientAuthentication tlsClientAuth(String clientId) {
    return new ClientAuthentication(clientId, Method.TLS_CLIENT_AUTH, null);
  }

  /** As {@link #tlsClientAuth}, with a self-signed certificate (RFC 8705 §2.2). */
  public static ClientAuthentication selfSignedTlsClientAuth(String clientId) {
    return new ClientAuthentication(clientId, Method.SELF_SIGNED_TLS_CLIENT_AUTH, null);
  }

  /** True for the mutual-TLS methods: the client's proof is its certificate, in the transport. */
  public boolean usesMutualTls() {
    return method == Method.TLS_CLIENT_AUTH || method == Method.SELF_SIGNED_TLS_CLIENT_AUTH;
  }

  /**
   * The same client with its assertions' {@code aud} set as {@code audience} says (default: the
   * issuer; the endpoint's URL when the issuer is not known).
   *
   * @throws IllegalStateException for a client that sends no assertion
   */
  public ClientAuthentication withAssertionAudience(Audience audience) {
    if (!sendsAssertion()) {
      throw new IllegalStateException(method.wireName() + " sends no client assertion");
    }
    return new ClientAuthentication(clientId, method, secret, key, audience);
  }

  /** True for {@code private_key_jwt} and {@code client_secret_jwt}. */
  public boolean sendsAssertion() {
    return method == Method.PRIVATE_KEY_JWT || method == Method.CLIENT_SECRET_JWT;
  }

  /** The private key of a {@code private_key_jwt} client. */
  public Optional<ClientKey> key() {
    return Optional.ofNullable(key);
  }

  /** What the assertions' {@code aud} names. */
  public Audience assertionAudience() {
    return audience;
  }

  /** The client's {@code client_id} at its provider. */
  public String clientId() {
    return clientId;
  }

  /** How the client authenticates. */
  public Method method() {
    return method;
  }

  /** True for a confidential client (one with a secret or a key). */
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
        + (key != null ? ", key=" + key : "")
        + '}';
  }
}
