package dev.lanyard.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.Scope;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.grant.PasswordGrant;
import dev.lanyard.grant.TokenExchangeGrant;
import dev.lanyard.internal.grant.TokenRequests;
import dev.lanyard.testing.FakeClock;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What goes on the wire to the token endpoint: the grant's form, then the client's proof. */
class TokenEndpointFormTest {
  private static final String SECRET = "cs-Wd3rUNIQUE";
  private static final String PASSWORD = "pw-Hj4kUNIQUE";

  private final FakeClock clock = new FakeClock(Instant.parse("2025-01-01T10:00:00Z"));
  private final Transport transport = Transport.builder().maxRetries(0).build();
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

  private TokenEndpoint endpoint(ClientAuthentication client) {
    URI uri = server.url("/token").uri();
    return new TokenEndpoint(uri, client, transport, clock, Duration.ofMinutes(5));
  }

  private RecordedRequest sent() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r).isNotNull();
    return r;
  }

  private void answerOk() {
    server.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/json")
            .body("{\"access_token\":\"at-1\",\"expires_in\":300}")
            .build());
  }

  @Test
  void fetch_passwordWithSecretPost_grantFormThenClientIdAndSecretNoHeader() throws Exception {
    answerOk();
    PasswordGrant g =
        Grant.password("alice", PASSWORD).withScope(Scope.of("openid")).withOneTimeCode("918273");

    endpoint(ClientAuthentication.secretPost("svc", SECRET)).fetch(TokenRequests.of(g));

    RecordedRequest r = sent();
    assertThat(r.getBody().utf8())
        .isEqualTo(
            "grant_type=password&username=alice&password="
                + PASSWORD
                + "&scope=openid&totp=918273&client_id=svc&client_secret="
                + SECRET);
    assertThat(r.getHeaders().get("Authorization")).isNull();
    assertThat(r.getHeaders().get("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
  }

  @Test
  void fetch_clientCredentialsWithSecretBasic_headerAndGrantFormOnly() throws Exception {
    answerOk();

    endpoint(ClientAuthentication.secretBasic("svc", SECRET))
        .fetch(TokenRequests.of(Grant.clientCredentials(Scope.of("read write"))));

    RecordedRequest r = sent();
    assertThat(r.getBody().utf8()).isEqualTo("grant_type=client_credentials&scope=read+write");
    String basic =
        Base64.getEncoder().encodeToString(("svc:" + SECRET).getBytes(StandardCharsets.UTF_8));
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Basic " + basic);
  }

  @Test
  void fetch_tokenExchangeSupplier_askedWhenTheRequestIsMadeOncePerRequest() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    TokenExchangeGrant g =
        Grant.tokenExchange(() -> "subject-" + asked.incrementAndGet()).withAudience("api");
    TokenEndpoint endpoint = endpoint(ClientAuthentication.none("app"));
    assertThat(asked).hasValue(0);

    answerOk();
    endpoint.fetch(TokenRequests.of(g));
    answerOk();
    endpoint.fetch(TokenRequests.of(g));

    assertThat(sent().getBody().utf8()).contains("subject_token=subject-1&");
    assertThat(sent().getBody().utf8())
        .contains("subject_token=subject-2&")
        .endsWith("&audience=api&client_id=app");
    assertThat(asked).hasValue(2);
  }
}
