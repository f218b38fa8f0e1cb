package dev.lanyard.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.MalformedResponseException;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.internal.time.Sleeper;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

/**
 * Bounded retries on 5xx/429 for a token request, scripted with MockWebServer; waits are recorded,
 * not slept.
 */
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
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final Sleeper recorder = waits::add;
  private MockWebServer server;
  private URI endpoint;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    endpoint = server.url("/token").uri();
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
  private String replayable() throws IOException {
    return fetch(Map.of("grant_type", "client_credentials"), true);
  }

  /** A refresh with rotation: must not be sent twice. */
  private String notReplayable() throws IOException {
    return fetch(Map.of("grant_type", "refresh_token", "refresh_token", "rt-1"), false);
  }

  /** The access token, or the failure the answer stands for. */
  private String fetch(Map<String, String> form, boolean replayable) throws IOException {
    HttpResponse<String> r =
        Exchange.of(transport, recorder)
            .send(
                Requests.form(transport, endpoint, ClientAuthentication.none("app"), form),
                replayable,
                "the token endpoint");
    if (r.statusCode() != 200) {
      throw Answers.error(r, "the token endpoint");
    }
    try {
      return Json.string(Answers.object(r, "the token endpoint"), "access_token").orElseThrow();
    } catch (ParseException e) {
      throw new IOException(e);
    }
  }

  @Test
  void fetch_503WithRetryAfter1_waitsAtLeastOneSecondThenSucceeds() throws IOException {
    MockResponse busy =
        answer(503, SERVER_ERROR).newBuilder().setHeader("Retry-After", "1").build();
    Queue<MockResponse> script = new ConcurrentLinkedQueue<>(List.of(busy, busy, answer(200, OK)));
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return script.remove();
          }
        });

    String accessToken = replayable();

    assertThat(accessToken).isEqualTo("a");
    assertThat(server.getRequestCount()).isEqualTo(3);
    // Two waits, each checked on its own: a wait shortened below Retry-After shows in either.
    assertThat(waits)
        .hasSize(2)
        .allSatisfy(w -> assertThat(w).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
  }

  @Test
  void fetch_500Twice_backoffDoublesWithJitterUpToMax() throws IOException {
    server.enqueue(answer(500, SERVER_ERROR));
    server.enqueue(answer(500, SERVER_ERROR));
    server.enqueue(answer(200, OK));

    assertThat(replayable()).isEqualTo("a");
    // 5 ms then 10 ms, each jittered down by at most a quarter.
    assertThat(waits).hasSize(2);
    assertThat(waits.get(0)).isBetween(Duration.ofMillis(3), Duration.ofMillis(5));
    assertThat(waits.get(1)).isBetween(Duration.ofMillis(7), Duration.ofMillis(10));
  }

  @Test
  void fetch_500ThenOkReplayable_retried() throws IOException {
    server.enqueue(answer(500, SERVER_ERROR));
    server.enqueue(answer(200, OK));

    assertThat(replayable()).isEqualTo("a");
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

    assertThat(notReplayable()).isEqualTo("a");
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

    assertThatThrownBy(this::replayable)
        .isInstanceOfSatisfying(
            ProviderErrorException.class, e -> assertThat(e.status()).isEqualTo(503));
    assertThat(waits).isEmpty();
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
