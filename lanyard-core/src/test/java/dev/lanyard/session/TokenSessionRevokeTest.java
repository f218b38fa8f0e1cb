package dev.lanyard.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.ProviderErrorException;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.store.TokenStore;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 7009 revocation through the session: refresh token first, then the access token. */
class TokenSessionRevokeTest {
  private static final Transport ONCE = Transport.builder().maxRetries(0).build();
  private static final TokenSet TOKENS =
      TokenSet.builder("at-1")
          .refreshToken("rt-1")
          .issuedAt(Instant.parse("2030-01-01T00:00:00Z"))
          .expiresAt(Instant.parse("2030-01-01T01:00:00Z"))
          .build();
  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private final TokenStore store = TokenStore.memory();

  private TokenSession session(ProviderMetadata metadata) {
    return TokenSession.builder()
        .store(store)
        .provider(metadata)
        .client(ClientAuthentication.secretBasic("app", "s3cret"))
        .transport(ONCE)
        .tokens(TOKENS)
        .build();
  }

  private ProviderMetadata withRevocation() {
    return ProviderMetadata.builder(server.url("/token").uri())
        .revocationEndpoint(server.url("/revoke").uri())
        .build();
  }

  private static MockResponse answer(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  @Test
  void revoke_refreshThenAccess_authenticated_thenCleared() throws Exception {
    server.enqueue(answer(200, ""));
    server.enqueue(answer(200, ""));
    TokenSession session = session(withRevocation());

    assertThat(session.revoke()).isTrue();

    RecordedRequest first = server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertThat(first.getBody().utf8()).isEqualTo("token=rt-1&token_type_hint=refresh_token");
    assertThat(second.getBody().utf8()).isEqualTo("token=at-1&token_type_hint=access_token");
    assertThat(first.getHeaders().get("Authorization")).startsWith("Basic ");
    assertThat(session.current()).isEmpty();
    assertThat(store.load()).isEmpty();
  }

  @Test
  void revoke_accessTokenUnsupported_stillRevoked() throws Exception {
    server.enqueue(answer(200, ""));
    server.enqueue(answer(400, "{\"error\":\"unsupported_token_type\"}"));

    assertThat(session(withRevocation()).revoke()).isTrue();
  }

  @Test
  void revoke_providerRefuses_tokensKept() {
    server.enqueue(answer(401, "{\"error\":\"invalid_client\",\"error_description\":\"no\"}"));
    TokenSession session = session(withRevocation());

    assertThatThrownBy(session::revoke)
        .isInstanceOfSatisfying(
            ProviderErrorException.class,
            e -> {
              assertThat(e.error()).isEqualTo("invalid_client");
              assertThat(e.status()).isEqualTo(401);
            });
    assertThat(session.current()).contains(TOKENS);
  }

  @Test
  void revoke_noRevocationEndpoint_falseAndCleared() throws IOException {
    TokenSession session = session(ProviderMetadata.builder(server.url("/token").uri()).build());

    assertThat(session.revoke()).isFalse();
    assertThat(session.current()).isEmpty();
    assertThat(server.getRequestCount()).isZero();
  }
}
