package dev.lanyard.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.MalformedResponseException;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.Scope;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 7591 registration as a library call. */
class ClientRegistrationTest {
  private static final Transport ONCE = Transport.builder().maxRetries(0).build();
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

  private ClientRegistration.Builder registration() {
    return ClientRegistration.builder(server.url("/register").uri()).transport(ONCE);
  }

  private static MockResponse answer(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  @Test
  void register_metadataIn_credentialsOut_secretsRedacted() throws Exception {
    String body =
        "{\"client_id\":\"c-1\",\"client_secret\":\"sec-1\",\"client_secret_expires_at\":1900000000,"
            + "\"registration_access_token\":\"rat-1\","
            + "\"registration_client_uri\":\"https://id.example.org/register/c-1\"}";
    server.enqueue(answer(201, body));

    RegisteredClient c =
        registration()
            .clientName("Uploader")
            .redirectUris(List.of(URI.create("http://127.0.0.1/cb")))
            .grantTypes(List.of("authorization_code"))
            .scope(Scope.of("openid email"))
            .metadata("token_endpoint_auth_method", "client_secret_basic")
            .initialAccessToken("iat-1")
            .build()
            .register();

    assertThat(c.clientId()).isEqualTo("c-1");
    assertThat(c.clientSecret()).contains("sec-1");
    assertThat(c.clientSecretExpiresAt()).contains(Instant.ofEpochSecond(1900000000));
    assertThat(c.registrationAccessToken()).contains("rat-1");
    assertThat(c.registrationClientUri())
        .contains(URI.create("https://id.example.org/register/c-1"));
    assertThat(c.json()).isEqualTo(body);
    assertThat(c.toString()).contains("c-1").doesNotContain("sec-1").doesNotContain("rat-1");
    RecordedRequest r = server.takeRequest();
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer iat-1");
    assertThat(r.getBody().utf8())
        .isEqualTo(
            "{\"client_name\":\"Uploader\",\"redirect_uris\":[\"http://127.0.0.1/cb\"],"
                + "\"grant_types\":[\"authorization_code\"],\"scope\":\"openid email\","
                + "\"token_endpoint_auth_method\":\"client_secret_basic\"}");
  }

  @Test
  void register_anonymous_noAuthorizationHeader_publicClient() throws Exception {
    server.enqueue(answer(201, "{\"client_id\":\"c-2\",\"client_secret_expires_at\":0}"));

    RegisteredClient c = registration().clientName("x").build().register();

    assertThat(c.clientSecret()).isEmpty();
    assertThat(c.clientSecretExpiresAt()).isEmpty();
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isNull();
  }

  @Test
  void register_refused_providerError() {
    server.enqueue(
        answer(400, "{\"error\":\"invalid_redirect_uri\",\"error_description\":\"bad\"}"));

    assertThatThrownBy(() -> registration().clientName("x").build().register())
        .isInstanceOfSatisfying(
            ProviderErrorException.class,
            e -> {
              assertThat(e.error()).isEqualTo("invalid_redirect_uri");
              assertThat(e.status()).isEqualTo(400);
            });
  }

  @Test
  void register_htmlError_malformedNamingTheEndpoint() {
    server.enqueue(new MockResponse.Builder().code(502).body("<html>bad gateway</html>").build());

    assertThatThrownBy(() -> registration().clientName("x").build().register())
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageStartingWith("the registration endpoint answered HTTP 502")
        .hasMessageNotContaining("bad gateway");
  }

  @Test
  void register_noClientId_malformed() {
    server.enqueue(answer(201, "{\"client_secret\":\"sec\"}"));

    assertThatThrownBy(() -> registration().clientName("x").build().register())
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("no client_id")
        .hasMessageNotContaining("sec");
  }

  @Test
  void builder_memberTwice_exactMessage() {
    assertThatThrownBy(() -> registration().clientName("a").clientName("b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("client_name was already set to a");
  }
}
