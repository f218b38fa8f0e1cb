package dev.lanyard.session;

import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.store.TokenStore;
import dev.lanyard.testing.FakeClock;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A token endpoint that hands out {@code at-1}/{@code rt-1}, {@code at-2}/{@code rt-2}, … (300 s
 * each), counts requests and the most ever in progress at once, and can be held open until a test
 * lets it answer, or made to fail: what no real provider does on demand.
 */
final class ScriptedTokenEndpoint implements AutoCloseable {
  static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

  /** Retries off: a failure reaches the session at once, and one call is one request. */
  static final Transport TRANSPORT =
      Transport.builder().maxRetries(0).requestTimeout(Duration.ofSeconds(20)).build();

  private final MockWebServer server = new MockWebServer();
  private final AtomicInteger issued = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger inProgress = new AtomicInteger();
  private final AtomicInteger maxInProgress = new AtomicInteger();
  private final Semaphore arrived = new Semaphore(0);
  private final Queue<MockResponse> failures = new ConcurrentLinkedQueue<>();
  private final Queue<String> forms = new ConcurrentLinkedQueue<>();
  private volatile CountDownLatch gate = new CountDownLatch(0);

  ScriptedTokenEndpoint() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            okio.ByteString body = request.getBody();
            forms.add(body == null ? "" : body.utf8());
            return answer();
          }
        });
    server.start();
  }

  /** The tokens a session starts with: {@code at-0}, issued at {@link #T0}, for 300 s. */
  static TokenSet initial() {
    return TokenSet.builder("at-0")
        .refreshToken("rt-0")
        .issuedAt(T0)
        .expiresAt(T0.plusSeconds(300))
        .build();
  }

  private MockResponse answer() throws InterruptedException {
    requests.incrementAndGet();
    maxInProgress.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
    try {
      arrived.release();
      if (!gate.await(30, TimeUnit.SECONDS)) {
        return json(500, "{\"error\":\"test_gate_never_opened\"}");
      }
      MockResponse failure = failures.poll();
      if (failure != null) {
        return failure;
      }
      int n = issued.incrementAndGet();
      return json(
          200,
          "{\"access_token\":\"at-"
              + n
              + "\",\"token_type\":\"Bearer\",\"expires_in\":300,\"refresh_token\":\"rt-"
              + n
              + "\"}");
    } finally {
      inProgress.decrementAndGet(); // before the answer is written: the next request can't overlap
    }
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  /** A session on this endpoint with the public client {@code app}. */
  TokenSession.Builder session(TokenStore store, FakeClock clock) {
    return TokenSession.builder()
        .tokenEndpoint(server.url("/token").uri())
        .client(ClientAuthentication.none("app"))
        .store(store)
        .clock(clock)
        .transport(TRANSPORT);
  }

  /** The token endpoint's URL. */
  String url() {
    return server.url("/token").toString();
  }

  /** Requests wait inside the endpoint until {@link #release()}. */
  void hold() {
    gate = new CountDownLatch(1);
  }

  void release() {
    gate.countDown();
  }

  /** The next answer is a 400 {@code invalid_request}: a provider error, not a dead token. */
  void failNext() {
    failures.add(json(400, "{\"error\":\"invalid_request\",\"error_description\":\"scripted\"}"));
  }

  /** The next answer is a 400 {@code invalid_grant}: the refresh token (or grant) is dead. */
  void refuseNext() {
    failures.add(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"scripted\"}"));
  }

  /** The form bodies received, in order. */
  List<String> forms() {
    return List.copyOf(forms);
  }

  /** Waits until a request has reached the endpoint (one per call). */
  void awaitRequest() throws InterruptedException {
    if (!arrived.tryAcquire(20, TimeUnit.SECONDS)) {
      throw new AssertionError("no token request reached the endpoint");
    }
  }

  int requests() {
    return requests.get();
  }

  int maxInProgress() {
    return maxInProgress.get();
  }

  @Override
  public void close() {
    release();
    server.close();
  }
}
