package dev.lanyard.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.MalformedResponseException;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.internal.grant.TokenRequest;
import dev.lanyard.internal.grant.TokenRequests;
import dev.lanyard.testing.FakeClock;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token endpoint against answers a real provider gives only when something is broken. */
class TokenEndpointFetchTest {
  private static final String BODY_SECRET = "leaked-Rt6yBODYSECRET";

  private final FakeClock clock = new FakeClock(Instant.parse("2025-01-01T10:00:00Z"));
  private final Transport transport =
      Transport.builder()
          .maxRetries(2)
          .initialBackoff(Duration.ofMillis(5))
          .maxBackoff(Duration.ofMillis(10))
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
            clock,
            Duration.ofMinutes(5));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static MockResponse answer(int code, String contentType, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", contentType)
        .body(body)
        .build();
  }

  private TokenSet fetchClientCredentials() throws IOException {
    return endpoint.fetch(TokenRequests.of(Grant.clientCredentials()));
  }

  @Test
  void fetch_slowAnswer_expiryCountsFromSendTime() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            clock.advance(Duration.ofSeconds(20)); // the request took 20 s to be answered
            return answer(200, "application/json", "{\"access_token\":\"a\",\"expires_in\":300}");
          }
        });

    TokenSet t = fetchClientCredentials();

    assertThat(t.issuedAt()).isEqualTo(Instant.parse("2025-01-01T10:00:00Z"));
    assertThat(t.expiresAt()).contains(Instant.parse("2025-01-01T10:05:00Z"));
  }

  @Test
  void fetch_200WithMalformedJson_malformedNamingEndpointAndStatusNotBody() {
    server.enqueue(answer(200, "application/json", "{\"access_token\":\"" + BODY_SECRET + "\","));

    assertThatThrownBy(this::fetchClientCredentials)
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("token endpoint")
        .hasMessageContaining("HTTP 200")
        .hasMessageNotContaining(BODY_SECRET)
        .hasMessageNotContaining("BODYSECRET");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void fetch_htmlErrorPage502_malformedAfterRetries() {
    MockResponse html =
        answer(502, "text/html", "<html><body>Bad Gateway " + BODY_SECRET + "</body></html>");
    for (int i = 0; i < 3; i++) {
      server.enqueue(html);
    }

    assertThatThrownBy(this::fetchClientCredentials)
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("HTTP 502")
        .hasMessageContaining("text/html")
        .hasMessageNotContaining(BODY_SECRET)
        .extracting(e -> ((MalformedResponseException) e).status())
        .isEqualTo(502);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void fetch_200WithoutAccessToken_malformed() {
    server.enqueue(
        answer(
            200,
            "application/json",
            "{\"token_type\":\"Bearer\",\"refresh_token\":\"" + BODY_SECRET + "\"}"));

    assertThatThrownBy(this::fetchClientCredentials)
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("no access_token")
        .hasMessageNotContaining(BODY_SECRET);
  }

  @Test
  void fetch_invalidGrant400_providerErrorNotRetried() {
    server.enqueue(
        answer(
            400,
            "application/json",
            "{\"error\":\"invalid_grant\",\"error_description\":\"Token is not active\"}"));

    TokenRequest refresh = TokenRequests.of(Grant.refreshToken("rt-1"));
    assertThatThrownBy(() -> endpoint.fetch(refresh))
        .isInstanceOfSatisfying(
            ProviderErrorException.class,
            e -> {
              assertThat(e.error()).isEqualTo("invalid_grant");
              assertThat(e.description()).contains("Token is not active");
              assertThat(e.status()).isEqualTo(400);
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void request_oauthError_comesBackAsFailure() throws IOException {
    server.enqueue(answer(400, "application/json", "{\"error\":\"authorization_pending\"}"));

    TokenResponse r = endpoint.request(TokenRequests.of(Grant.clientCredentials()));

    assertThat(r)
        .isInstanceOfSatisfying(
            TokenResponse.Failure.class,
            f -> {
              assertThat(f.error().error()).isEqualTo("authorization_pending");
              assertThat(f.error().description()).isEmpty();
            });
  }
}
