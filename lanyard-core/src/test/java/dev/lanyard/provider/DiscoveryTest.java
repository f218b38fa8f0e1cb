package dev.lanyard.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.MalformedResponseException;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Discovery against documents a well-configured provider would not serve. */
class DiscoveryTest {
  private final Transport transport =
      Transport.builder()
          .maxRetries(1)
          .initialBackoff(Duration.ofMillis(5))
          .maxBackoff(Duration.ofMillis(10))
          .requestTimeout(Duration.ofSeconds(5))
          .build();
  private MockWebServer server;
  private URI issuer;

  @BeforeEach
  void start() throws IOException {
    Discovery.clear();
    server = new MockWebServer();
    server.start();
    issuer = server.url("/realms/lab").uri();
  }

  @AfterEach
  void stop() {
    server.close();
    Discovery.clear();
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r).isNotNull();
    return r;
  }

  @Test
  void discover_documentNamesAnotherIssuer_refused() {
    server.enqueue(json(200, ProviderMetadataTest.document("https://evil.example.org/realms/lab")));

    assertThatThrownBy(() -> ProviderMetadata.discover(issuer, transport))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessage(
            "discovery document for "
                + issuer
                + " names another issuer: https://evil.example.org/realms/lab");
  }

  @Test
  void discover_documentWithoutIssuer_refused() {
    server.enqueue(json(200, "{\"token_endpoint\":\"" + issuer + "/token\"}"));

    assertThatThrownBy(() -> ProviderMetadata.discover(issuer, transport))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("names another issuer");
  }

  @Test
  void discover_oidcDocument404_fallsBackToRfc8414() throws Exception {
    server.enqueue(json(404, "{}"));
    server.enqueue(json(200, ProviderMetadataTest.document(issuer.toString())));

    ProviderMetadata m = ProviderMetadata.discover(issuer, transport);

    assertThat(m.issuer()).contains(issuer);
    assertThat(take().getTarget()).isEqualTo("/realms/lab/.well-known/openid-configuration");
    assertThat(take().getTarget()).isEqualTo("/.well-known/oauth-authorization-server/realms/lab");
  }

  @Test
  void discover_issuerWithTrailingSlash_matchesDocumentWithout() throws Exception {
    server.enqueue(json(200, ProviderMetadataTest.document(issuer.toString())));

    ProviderMetadata m = ProviderMetadata.discover(URI.create(issuer + "/"), transport);

    assertThat(m.tokenEndpoint().toString()).startsWith(issuer.toString());
    assertThat(take().getTarget()).isEqualTo("/realms/lab/.well-known/openid-configuration");
  }

  @Test
  void discover_bothWellKnown404_malformedWithStatus() {
    server.enqueue(json(404, "{}"));
    server.enqueue(json(404, "{}"));

    assertThatThrownBy(() -> ProviderMetadata.discover(issuer, transport))
        .isInstanceOfSatisfying(
            MalformedResponseException.class, e -> assertThat(e.status()).isEqualTo(404))
        .hasMessageContaining("no discovery document for issuer " + issuer);
  }

  @Test
  void discover_nonJsonDocument_malformed() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "text/html")
            .body("<html><body>Sign in to the corporate portal</body></html>")
            .build());

    assertThatThrownBy(() -> ProviderMetadata.discover(issuer, transport))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageStartingWith(
            "the discovery endpoint answered HTTP 200 (text/html) with invalid provider metadata")
        .hasMessageNotContaining("corporate portal");
  }

  @Test
  void discover_secondCall_servedFromCache() throws Exception {
    server.enqueue(json(200, ProviderMetadataTest.document(issuer.toString())));

    ProviderMetadata first = ProviderMetadata.discover(issuer, transport);
    ProviderMetadata second = ProviderMetadata.discover(issuer, transport);

    assertThat(second).isSameAs(first);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void discover_plainHttpNonLoopbackIssuer_refusedBeforeAnyRequest() {
    assertThatThrownBy(
            () ->
                ProviderMetadata.discover(
                    URI.create("http://id.example.org/realms/lab"), transport))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the issuer must use https");
  }
}
