package dev.lanyard.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.LoginRequiredException;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.ProviderUnreachableException;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.store.TokenStore;
import dev.lanyard.testing.FakeClock;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A session whose provider fails in ways a real one will not on demand. */
class TokenSessionFaultTest {
  private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
  private static final Transport TRANSPORT =
      Transport.builder()
          .maxRetries(1)
          .initialBackoff(Duration.ofMillis(5))
          .maxBackoff(Duration.ofMillis(10))
          .requestTimeout(Duration.ofSeconds(5))
          .build();

  private final FakeClock clock = new FakeClock(T0);
  private final TokenStore store = TokenStore.memory();
  private final TokenSet stored =
      TokenSet.builder("access-1")
          .refreshToken("refresh-1")
          .issuedAt(T0)
          .expiresAt(T0.plusSeconds(300))
          .refreshExpiresAt(T0.plusSeconds(1800))
          .build();
  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    store.save(stored);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private TokenSession.Builder session(URI tokenEndpoint) {
    return TokenSession.builder()
        .tokenEndpoint(tokenEndpoint)
        .client(ClientAuthentication.none("app"))
        .store(store)
        .clock(clock)
        .transport(TRANSPORT)
        .executor(Runnable::run);
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  private static URI deadEndpoint() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return URI.create("http://127.0.0.1:" + s.getLocalPort() + "/token");
    }
  }

  @Test
  void token_expiredAndEndpointDown_unreachableAndStoreIntact() throws IOException {
    TokenSession s = session(deadEndpoint()).build();
    assertThat(s.token()).isSameAs(stored);

    clock.advance(Duration.ofSeconds(400));

    assertThatThrownBy(s::token)
        .isInstanceOf(ProviderUnreachableException.class)
        .hasMessageContaining("the token endpoint");
    assertThat(store.load()).containsSame(stored);
    assertThat(s.current()).containsSame(stored);
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "refreshTokenFromElsewhere", "passwordWithFixedCode"})
  void token_refreshRefusedInvalidGrantAndNoReauthentication_loginRequired(String grant)
      throws Exception {
    server.enqueue(
        json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Token is not active\"}"));
    TokenSession.Builder b = session(server.url("/token").uri());
    if (grant.equals("refreshTokenFromElsewhere")) {
      b.grant(Grant.refreshToken("refresh-elsewhere"));
    } else if (grant.equals("passwordWithFixedCode")) {
      b.grant(Grant.password("alice", "pw-Uu3SECRET").withOneTimeCode("123456"));
    }
    TokenSession s = b.build();
    clock.advance(Duration.ofSeconds(400));

    assertThatThrownBy(s::token)
        .isInstanceOf(LoginRequiredException.class)
        .hasMessageContaining("invalid_grant")
        .hasMessageContaining("Token is not active")
        .hasMessageEndingWith("sign in again")
        .hasMessageNotContaining("pw-Uu3SECRET")
        .hasCauseInstanceOf(ProviderErrorException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8())
        .contains("grant_type=refresh_token", "refresh_token=refresh-1");
    assertThat(store.load()).containsSame(stored);
  }

  /** Grant.refreshToken: "when it dies, a person must sign in again". */
  @Test
  void token_refreshTokenGrantRevoked_loginRequired() throws Exception {
    store.clear();
    server.enqueue(
        json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Token is not active\"}"));
    TokenSession s =
        session(server.url("/token").uri()).grant(Grant.refreshToken("refresh-elsewhere")).build();

    assertThatThrownBy(s::token)
        .isInstanceOf(LoginRequiredException.class)
        .hasMessageEndingWith("sign in again")
        .hasMessageNotContaining("refresh-elsewhere");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(store.load()).isEmpty();
  }

  @Test
  void token_refreshTokenExpired_loginRequiredWithoutAnyRequest() throws IOException {
    TokenSession s = session(server.url("/token").uri()).build();
    clock.advance(Duration.ofSeconds(2000));

    assertThatThrownBy(s::token)
        .isInstanceOf(LoginRequiredException.class)
        .hasMessage("the refresh token expired at " + T0.plusSeconds(1800) + "; sign in again");
    assertThat(server.getRequestCount()).isZero();
    assertThat(store.load()).containsSame(stored);
  }

  /** A provider that is briefly down has not refused the refresh token: no one must sign in. */
  @Test
  void token_expiredAndProviderAnswers503_providerErrorNotLoginRequired() throws IOException {
    for (int i = 0; i < 2; i++) {
      server.enqueue(json(503, "{\"error\":\"temporarily_unavailable\"}"));
    }
    TokenSession s = session(server.url("/token").uri()).build();
    clock.advance(Duration.ofSeconds(400));

    assertThatThrownBy(s::token)
        .isNotInstanceOf(LoginRequiredException.class)
        .isInstanceOf(ProviderErrorException.class);
    assertThat(store.load()).containsSame(stored);
  }

  @Test
  void token_backgroundRefreshFails_currentTokenStillHandedOutAndRetryPaused() throws IOException {
    MockResponse html =
        new MockResponse.Builder()
            .code(502)
            .setHeader("Content-Type", "text/html")
            .body("<html/>")
            .build();
    server.enqueue(html);
    server.enqueue(html);
    TokenSession s = session(server.url("/token").uri()).build();
    assertThat(s.token()).isSameAs(stored);

    clock.advance(Duration.ofSeconds(220)); // inside the refresh-ahead margin, not expired
    assertThat(s.token()).isSameAs(stored);
    assertThat(s.token()).isSameAs(stored);
    assertThat(server.getRequestCount()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(6)); // past the pause after a failed background refresh
    assertThat(s.token()).isSameAs(stored);
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(store.load()).containsSame(stored);
  }
}
