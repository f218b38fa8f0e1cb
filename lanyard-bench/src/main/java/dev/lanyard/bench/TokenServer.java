package dev.lanyard.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token endpoint in this process: the JDK's HTTP server on 127.0.0.1, a free port, answering
 * every POST after a fixed delay with new tokens, and counting the requests.
 *
 * <p>Each answer carries a new access and refresh token ({@code at-N}, {@code rt-N}), so callers
 * can tell which request their token came from.
 */
final class TokenServer implements AutoCloseable {
  static {
    // The JDK server writes the status line and headers, then the body, in separate segments;
    // with Nagle on, the body waits for the client's delayed ACK and every answer takes ~40 ms
    // more on Linux. Real providers answer without that stall. Read once, when the first
    // HttpServer is created.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService threads;
  private final long delayMillis;
  private final long expiresInSeconds;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  private TokenServer(long delayMillis, long expiresInSeconds) throws IOException {
    this.delayMillis = delayMillis;
    this.expiresInSeconds = expiresInSeconds;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // Several threads, so that concurrent token requests (if the session ever made them) would
    // really run concurrently and show up in maxInFlight instead of queueing unseen.
    this.threads =
        Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "bench-token-endpoint");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(threads);
    server.createContext("/token", this::handle);
    server.start();
  }

  /** Starts a server that waits {@code delayMillis} before answering with {@code expires_in}. */
  static TokenServer start(long delayMillis, long expiresInSeconds) throws IOException {
    return new TokenServer(delayMillis, expiresInSeconds);
  }

  URI tokenEndpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
  }

  /** Token requests answered or in progress so far. */
  int requests() {
    return requests.get();
  }

  /** The most token requests that were ever in progress at the same time. */
  int maxInFlight() {
    return maxInFlight.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    int n = requests.incrementAndGet();
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try (exchange) {
      try (InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
      }
      if (delayMillis > 0) {
        Thread.sleep(delayMillis);
      }
      byte[] body =
          ("{\"access_token\":\"at-"
                  + n
                  + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                  + expiresInSeconds
                  + ",\"refresh_token\":\"rt-"
                  + n
                  + "\"}")
              .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.decrementAndGet();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
