package dev.lanyard.example.webapp;

import com.sun.net.httpserver.HttpServer;
import dev.lanyard.Scope;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.login.WebLogin;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.redis.RedisStore;
import dev.lanyard.redis.StoreKeys;
import dev.lanyard.session.TokenSession;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small web application that signs people in with Lanyard's {@link WebLogin}, keeps one session
 * per browser, and calls a protected API (the provider's userinfo endpoint) with the signed-in
 * person's token through {@link dev.lanyard.http.AuthenticatedHttpClient}.
 *
 * <p>Routes: {@code /} who is signed in; {@code /login} to the provider's login page; {@code
 * /callback} back from it; {@code /api} the protected API call; {@code POST /logout} ends the
 * session here and at the provider. Runs on the JDK's HTTP server, bound to 127.0.0.1.
 *
 * <pre>{@code
 * try (ExampleWebApp app = ExampleWebApp.builder()
 *     .issuer(URI.create("http://127.0.0.1:8180/realms/lab"))
 *     .clientId("cli")
 *     .port(8080)
 *     .start()) {
 *   System.out.println("open " + app.baseUri());
 *   app.awaitStop();
 * }
 * }</pre>
 */
public final class ExampleWebApp implements AutoCloseable {
  static {
    // Without it the JDK server delays small responses by up to 40 ms (Nagle + delayed ACK).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService threads;
  private final URI baseUri;
  private final SignedInBrowsers browsers;
  private final RedisStore redis;

  private ExampleWebApp(
      HttpServer server,
      ExecutorService threads,
      URI baseUri,
      SignedInBrowsers browsers,
      RedisStore redis) {
    this.server = server;
    this.threads = threads;
    this.baseUri = baseUri;
    this.browsers = browsers;
    this.redis = redis;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Runs the app from the command line; see {@link Main}. */
  public static void main(String[] args) throws Exception {
    Main.main(args);
  }

  /** Where the app listens, e.g. {@code http://127.0.0.1:8080}, without a trailing slash. */
  public URI baseUri() {
    return baseUri;
  }

  /** How many browsers are signed in right now (with Redis: that this instance served). */
  public int signedIn() {
    return browsers.size();
  }

  /** Blocks until the JVM ends (Ctrl-C); the shutdown hook of {@link Main} closes the app. */
  public void awaitStop() throws InterruptedException {
    threads.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
  }

  /**
   * Stops the server at once and forgets every signed-in browser held in memory; sign-ins in Redis
   * stay, for this app's next start or its other instances.
   */
  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    browsers.clear();
    if (redis != null) {
      redis.close();
    }
  }

  @Override
  public String toString() {
    return "ExampleWebApp{" + baseUri + ", signedIn=" + browsers.size() + '}';
  }

  /** Builds and starts an {@link ExampleWebApp}; issuer and client id are required. */
  public static final class Builder {
    private URI issuer;
    private String clientId;
    private String clientSecret;
    private int port = 8080;
    private Transport transport = Transport.defaults();
    private String redisUri;
    private StoreKeys storeKeys;
    private URI publicUri;

    private Builder() {}

    /** The provider, found by OIDC discovery at start-up. */
    public Builder issuer(URI issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /** The OAuth client the app signs people in with. */
    public Builder clientId(String clientId) {
      this.clientId = Objects.requireNonNull(clientId, "clientId");
      return this;
    }

    /** The client's secret, for a confidential client; default: a public client with PKCE. */
    public Builder clientSecret(String clientSecret) {
      this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
      return this;
    }

    /** The port on 127.0.0.1; 0 picks a free one (see {@link ExampleWebApp#baseUri()}). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Keeps started sign-ins and signed-in browsers (with their tokens) in Redis at {@code uri}, so
     * that several instances serve the same browsers and a restart signs nobody out; default: in
     * memory. Give every instance the same URI and keys.
     */
    public Builder redis(String uri) {
      this.redisUri = Objects.requireNonNull(uri, "uri");
      return this;
    }

    /** Encrypts what {@link #redis(String)} stores (AES-256-GCM); default: in clear, warned. */
    public Builder storeKeys(StoreKeys keys) {
      this.storeKeys = Objects.requireNonNull(keys, "keys");
      return this;
    }

    /**
     * The address browsers reach the app at, when it is not where it listens (behind a load
     * balancer: the balancer's address); the provider sends browsers back to its {@code /callback}.
     */
    public Builder publicUri(URI publicUri) {
      this.publicUri = Objects.requireNonNull(publicUri, "publicUri");
      return this;
    }

    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * Discovers the provider and starts listening.
     *
     * @throws IOException when the provider cannot be discovered or the port cannot be bound
     */
    public ExampleWebApp start() throws IOException {
      if (issuer == null || clientId == null) {
        throw new IllegalStateException("issuer and clientId are required");
      }
      ClientAuthentication client =
          clientSecret == null
              ? ClientAuthentication.none(clientId)
              : ClientAuthentication.secretBasic(clientId, clientSecret);
      ProviderMetadata provider = ProviderMetadata.discover(issuer, transport);
      RedisStore redis = null;
      if (redisUri != null) {
        RedisStore.Builder rb = RedisStore.builder(redisUri).keyPrefix("webapp:");
        if (storeKeys != null) {
          rb.keys(storeKeys);
        }
        redis = rb.connect();
      }
      try {
        WebLogin.Builder lb =
            WebLogin.builder()
                .provider(provider)
                .client(client)
                .scope(Scope.of("openid email profile"))
                .transport(transport);
        if (redis != null) {
          lb.pendingLoginStore(redis.pendingLogins(Duration.ofMinutes(10)));
        }
        WebLogin login = lb.build();
        HttpServer server =
            HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        SignedInBrowsers browsers =
            new SignedInBrowsers(
                10_000,
                store ->
                    TokenSession.builder()
                        .provider(provider)
                        .client(client)
                        .transport(transport)
                        .store(store)
                        .build(),
                redis == null ? null : redis.webSessions(Duration.ofHours(8)));
        HttpClient http =
            HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        Routes routes =
            new Routes(
                publicUri != null ? publicUri : base, provider, client, login, browsers, http);
        routes.install(server);
        ExecutorService threads = Executors.newFixedThreadPool(8, new Named());
        server.setExecutor(threads);
        server.start();
        return new ExampleWebApp(server, threads, base, browsers, redis);
      } catch (IOException | RuntimeException e) {
        if (redis != null) {
          redis.close();
        }
        throw e;
      }
    }
  }

  /** Request threads named for thread dumps. */
  private static final class Named implements ThreadFactory {
    private final AtomicInteger n = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      return new Thread(r, "example-webapp-" + n.incrementAndGet());
    }
  }
}
