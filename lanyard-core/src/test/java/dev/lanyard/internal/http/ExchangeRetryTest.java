package dev.lanyard.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.MalformedResponseException;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.internal.grant.TokenRequests;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bounded retries on 5xx/429 through the token endpoint, scripted with MockWebServer. */
class ExchangeRetryTest {
  private static final String OK = "{\"access_token\":\"a\",\"expires_in\":300}";
  private static final String SERVER_ERROR = "{\"error\":\"server_error\"}";

  private final Transport transport =
      Transport.builder()
          .maxRetries(2)
          .initialBackoff(Duration.ofMillis(5))
          .maxBackoff(Duration.ofMillis(10))
          .maxRetryAfter(Duration.ofSeconds(3))
          .requestTimeout(Duration.ofSeconds(5))
          .build();
  private MockWebServer server;
  private TokenEndpoint endpoint;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    endpoint =
        new TokenEndpoint(
            server.url("/token").uri(),
            ClientAuthentication.none("app"),
            transport,
            InstantSource.system(),
            Duration.ofMinutes(5));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static MockResponse answer(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  /** A client credentials request: safe to send twice. */
  private TokenSet replayable() throws IOException {
    return endpoint.fetch(TokenRequests.of(Grant.clientCredentials()));
  }

  /** A refresh with rotation: must not be sent twice. */
  private TokenSet notReplayable() throws IOException {
    return endpoint.fetch(TokenRequests.of(Grant.refreshToken("rt-1")));
  }

  @Test
  void fetch_503WithRetryAfter1_waitsAtLeastOneSecondThenSucceeds() throws IOException {
    MockResponse busy =
        answer(503, SERVER_ERROR).newBuilder().setHeader("Retry-After", "1").build();
    Queue<MockResponse> script = new ConcurrentLinkedQueue<>(List.of(busy, busy, answer(200, OK)));
    List<Long> arrivals = new CopyOnWriteArrayList<>();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            arrivals.add(System.nanoTime());
            return script.remove();
          }
        });

    TokenSet t = replayable();

    assertThat(t.accessToken()).isEqualTo("a");
    assertThat(arrivals).hasSize(3);
    // Two waits, each measured on its own: a wait shortened below Retry-After shows in either.
    for (int i = 1; i < arrivals.size(); i++) {
      long gapMillis = (arrivals.get(i) - arrivals.get(i - 1)) / 1_000_000;
      assertThat(gapMillis)
          .as("wait before attempt %d (Retry-After: 1)", i + 1)
          .isGreaterThanOrEqualTo(1000);
    }
  }

  @Test
  void fetch_500ThenOkReplayable_retried() throws IOException {
    server.enqueue(answer(500, SERVER_ERROR));
    server.enqueue(answer(200, OK));

    assertThat(replayable().accessToken()).isEqualTo("a");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void fetch_500WithoutOAuthBodyNotReplayable_malformedAfterOneRequest() {
    server.enqueue(new MockResponse.Builder().code(500).body("Internal Server Error").build());
    server.enqueue(answer(200, OK));

    assertThatThrownBy(this::notReplayable)
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("HTTP 500");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void fetch_500WithOAuthErrorNotReplayable_providerErrorAfterOneRequest() {
    server.enqueue(answer(500, SERVER_ERROR));
    server.enqueue(answer(200, OK));

    assertThatThrownBy(this::notReplayable)
        .isInstanceOfSatisfying(
            ProviderErrorException.class,
            e -> {
              assertThat(e.error()).isEqualTo("server_error");
              assertThat(e.status()).isEqualTo(500);
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void fetch_429NotReplayable_stillRetried() throws IOException {
    // The provider refused to process it, so sending it again cannot replay a rotation.
    server.enqueue(answer(429, "{\"error\":\"slow_down\"}"));
    server.enqueue(answer(200, OK));

    assertThat(notReplayable().accessToken()).isEqualTo("a");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void fetch_retryAfterAboveMax_answerReturnedWithoutWaiting() {
    server.enqueue(
        answer(503, "{\"error\":\"temporarily_unavailable\"}")
            .newBuilder()
            .setHeader("Retry-After", "120")
            .build());
    server.enqueue(answer(200, OK));

    long start = System.nanoTime();
    assertThatThrownBy(this::replayable)
        .isInstanceOfSatisfying(
            ProviderErrorException.class, e -> assertThat(e.status()).isEqualTo(503));
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void fetch_always503_boundedToMaxRetriesPlusOne() {
    for (int i = 0; i < 5; i++) {
      server.enqueue(answer(503, "{\"error\":\"temporarily_unavailable\"}"));
    }

    assertThatThrownBy(this::replayable)
        .isInstanceOfSatisfying(
            ProviderErrorException.class,
            e -> {
              assertThat(e.error()).isEqualTo("temporarily_unavailable");
              assertThat(e.status()).isEqualTo(503);
            });
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void fetch_4xx_neverRetried() {
    server.enqueue(answer(401, "{\"error\":\"invalid_client\"}"));
    server.enqueue(answer(200, OK));

    assertThatThrownBy(this::replayable)
        .isInstanceOfSatisfying(
            ProviderErrorException.class, e -> assertThat(e.error()).isEqualTo("invalid_client"));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void retryable_statusTable() {
    assertThat(Exchange.retryable(429, false)).isTrue();
    assertThat(Exchange.retryable(503, false)).isTrue();
    assertThat(Exchange.retryable(500, false)).isFalse();
    assertThat(Exchange.retryable(502, false)).isFalse();
    assertThat(Exchange.retryable(504, false)).isFalse();
    assertThat(Exchange.retryable(500, true)).isTrue();
    assertThat(Exchange.retryable(502, true)).isTrue();
    assertThat(Exchange.retryable(504, true)).isTrue();
    assertThat(Exchange.retryable(400, true)).isFalse();
    assertThat(Exchange.retryable(501, true)).isFalse();
  }
}
