package dev.lanyard.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token endpoint that rotates refresh tokens as strict providers do: each refresh token works
 * once, a reused one is {@code invalid_grant}. Client credentials get a new access token each time.
 * Counts what it answered, so tests can assert one refresh per expiry and no broken rotation chain.
 * Only what a real provider will not do on demand (seconds-long tokens, exact counts).
 */
public final class RotatingTokenEndpoint implements AutoCloseable {
  private final HttpServer server;
  private final int lifetimeSeconds;
  private final AtomicInteger issued = new AtomicInteger();
  private final AtomicInteger refreshes = new AtomicInteger();
  private final AtomicInteger clientCredentials = new AtomicInteger();
  private final AtomicInteger invalidGrants = new AtomicInteger();
  private final Set<String> liveRefreshTokens = ConcurrentHashMap.newKeySet();
  private volatile String lastRefreshToken = "";

  /** Starts on a free loopback port; access tokens live {@code lifetimeSeconds}. */
  public RotatingTokenEndpoint(int lifetimeSeconds) {
    this.lifetimeSeconds = lifetimeSeconds;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/token", this::answer);
    server.start();
  }

  /** {@code http://127.0.0.1:PORT/token}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
  }

  /** A fresh refresh token, as a sign-in would hand out, to seed a store with. */
  public String signIn() {
    return newRefreshToken();
  }

  /** Refresh-token grants answered with new tokens. */
  public int refreshes() {
    return refreshes.get();
  }

  /** Client-credentials grants answered. */
  public int clientCredentialsGrants() {
    return clientCredentials.get();
  }

  /** Refresh tokens refused because they were used before or never issued. */
  public int invalidGrants() {
    return invalidGrants.get();
  }

  /** The one refresh token that still works (the last one handed out). */
  public String currentRefreshToken() {
    return lastRefreshToken;
  }

  private synchronized String newRefreshToken() {
    String rt = "rt-" + issued.incrementAndGet();
    liveRefreshTokens.clear();
    liveRefreshTokens.add(rt);
    lastRefreshToken = rt;
    return rt;
  }

  private synchronized String tokenResponse(Map<String, String> form) {
    String grant = form.getOrDefault("grant_type", "");
    if (grant.equals("client_credentials")) {
      clientCredentials.incrementAndGet();
      return access("cc-" + issued.incrementAndGet(), null);
    }
    if (grant.equals("refresh_token")
        && liveRefreshTokens.remove(form.getOrDefault("refresh_token", ""))) {
      refreshes.incrementAndGet();
      return access("at-" + issued.incrementAndGet(), newRefreshToken());
    }
    invalidGrants.incrementAndGet();
    return null;
  }

  private String access(String token, String refreshToken) {
    return "{\"access_token\":\""
        + token
        + "\",\"token_type\":\"Bearer\",\"expires_in\":"
        + lifetimeSeconds
        + (refreshToken == null
            ? ""
            : ",\"refresh_token\":\"" + refreshToken + "\",\"refresh_expires_in\":1800")
        + "}";
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> form = new HashMap<>();
      for (String pair : new String(exchange.getRequestBody().readAllBytes(), UTF_8).split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          form.put(
              URLDecoder.decode(pair.substring(0, eq), UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), UTF_8));
        }
      }
      String body = tokenResponse(form);
      int status = 200;
      if (body == null) {
        status = 400;
        body = "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token reused\"}";
      }
      byte[] bytes = body.getBytes(UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
