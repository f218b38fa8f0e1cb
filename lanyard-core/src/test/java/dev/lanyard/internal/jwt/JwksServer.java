package dev.lanyard.internal.jwt;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A JWKS endpoint on 127.0.0.1 that serves whatever keys a test sets and counts fetches. It stands
 * in for a provider because tests forge keys and tokens a real provider never would.
 *
 * <p>MockWebServer rather than the JDK's {@code com.sun.net.httpserver}: tests are compiled into
 * module {@code dev.lanyard}, which does not read {@code jdk.httpserver}.
 */
public final class JwksServer implements AutoCloseable {
  private final MockWebServer server = new MockWebServer();
  private final AtomicInteger fetches = new AtomicInteger();
  private volatile String body = "{\"keys\":[]}";
  private volatile int status = 200;
  private volatile long delayMillis;

  public JwksServer() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            fetches.incrementAndGet();
            if (delayMillis > 0) {
              Thread.sleep(delayMillis);
            }
            return new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
          }
        });
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  /** Serves the public parts of these keys from now on. */
  public JwksServer serve(JWK... keys) {
    body = new JWKSet(List.of(keys)).toPublicJWKSet().toString();
    status = 200;
    return this;
  }

  /** Serves this raw answer from now on. */
  public JwksServer answer(int status, String body) {
    this.status = status;
    this.body = body;
    return this;
  }

  /** Makes every answer wait, so concurrent callers overlap. */
  public JwksServer delay(long millis) {
    this.delayMillis = millis;
    return this;
  }

  public int fetches() {
    return fetches.get();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getPort() + "/jwks");
  }

  @Override
  public void close() {
    server.close();
  }
}
