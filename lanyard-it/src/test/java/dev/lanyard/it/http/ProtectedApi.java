package dev.lanyard.it.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lanyard.http.RequestAuthorizer;
import dev.lanyard.it.support.Keycloak;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A protected API on 127.0.0.1: {@code GET /whoami} answers 200 with the caller's username when
 * Keycloak's userinfo endpoint accepts the token, else 401. Takes {@code Bearer <jwt>} and the
 * Basic bridge {@code Basic base64(__oauth__:<jwt>)}. No cache: every request asks Keycloak, so a
 * token revoked there is refused here at once.
 */
final class ProtectedApi implements AutoCloseable {
  static {
    // Without it the JDK server's responses wait ~40 ms for Nagle and delayed ACKs.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final HttpClient KEYCLOAK =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(48);
  private final URI userinfo = URI.create(Keycloak.get().userinfoEndpoint());
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger unauthorized = new AtomicInteger();
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  ProtectedApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
    server.createContext("/whoami", this::whoami);
    server.setExecutor(threads);
    server.start();
  }

  /** The password of a Basic header with this user name, decoded here as any server would. */
  private static Optional<String> basicPassword(String user, String authorization) {
    String pair;
    try {
      pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    return pair.startsWith(user + ':') && pair.length() > user.length() + 1
        ? Optional.of(pair.substring(user.length() + 1))
        : Optional.empty();
  }

  URI whoami() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/whoami");
  }

  private void whoami(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      authorizations.add(String.valueOf(authorization));
      boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
      Optional<String> token =
          basic
              ? basicPassword(RequestAuthorizer.B_FABRIC_LOGIN, authorization)
              : bearer(authorization);
      token.ifPresent(tokens::add);
      Optional<String> user = token.isEmpty() ? Optional.empty() : userOf(token.get());
      if (user.isEmpty()) {
        unauthorized.incrementAndGet();
        exchange
            .getResponseHeaders()
            .set(
                "WWW-Authenticate",
                basic ? "Basic realm=\"lab\"" : "Bearer realm=\"lab\", error=\"invalid_token\"");
        reply(exchange, 401, "unauthorized");
        return;
      }
      reply(exchange, 200, user.get());
    }
  }

  private static Optional<String> bearer(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    return Optional.of(authorization.substring(7).trim());
  }

  /** The username Keycloak's userinfo endpoint gives for this token; empty when it refuses it. */
  private Optional<String> userOf(String token) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(userinfo)
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + token)
            .build();
    HttpResponse<String> response;
    try {
      response = KEYCLOAK.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted asking userinfo");
    }
    if (response.statusCode() != 200) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(
          JSONObjectUtils.getString(JSONObjectUtils.parse(response.body()), "preferred_username"));
    } catch (ParseException e) {
      throw new IOException("userinfo answered no JSON object: " + response.body(), e);
    }
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Requests that reached the API. */
  int requests() {
    return requests.get();
  }

  /** Requests the API answered with 401. */
  int unauthorized() {
    return unauthorized.get();
  }

  /** Every distinct access token presented, accepted or not. */
  Set<String> tokens() {
    return Set.copyOf(tokens);
  }

  /** The {@code Authorization} header of every request, in arrival order ("null" when absent). */
  List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
