package dev.lanyard.internal.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.transport.Transport;
import java.net.URI;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** RFC 9126 failures a real provider does not produce on demand. */
class PushedAuthorizationTest {
  private static final URI AUTHORIZE = URI.create("https://id.example.org/authorize?p=x");

  @Test
  void wanted_configuredOrRequiredByMetadata() {
    ProviderMetadata plain = ProviderMetadata.builder(URI.create("https://id/token")).build();
    ProviderMetadata requiring =
        plain.newBuilder().requirePushedAuthorizationRequests(true).build();
    assertThat(PushedAuthorization.wanted(false, plain)).isFalse();
    assertThat(PushedAuthorization.wanted(true, plain)).isTrue();
    assertThat(PushedAuthorization.wanted(false, requiring)).isTrue();
  }

  @Test
  void push_noParEndpoint_refusedBeforeAnyRequest() {
    ProviderMetadata m = ProviderMetadata.builder(URI.create("https://id/token")).build();
    assertThatThrownBy(
            () ->
                PushedAuthorization.push(
                    Transport.defaults(), m, ClientAuthentication.none("app"), AUTHORIZE, Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no pushed_authorization_request_endpoint");
  }

  @Test
  void push_answers_urlWithRequestUri_orTheProvidersError() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      ProviderMetadata m =
          ProviderMetadata.builder(server.url("/token").uri())
              .pushedAuthorizationRequestEndpoint(server.url("/par").uri())
              .build();
      server.enqueue(
          new MockResponse.Builder()
              .code(201)
              .setHeader("Content-Type", "application/json")
              .body("{\"request_uri\":\"urn:ietf:params:oauth:request_uri:abc\",\"expires_in\":60}")
              .build());
      URI url =
          PushedAuthorization.push(
              Transport.defaults(),
              m,
              ClientAuthentication.none("app"),
              AUTHORIZE,
              Map.of("client_id", "app", "state", "s-1"));
      assertThat(url)
          .hasToString(
              "https://id.example.org/authorize?p=x&client_id=app"
                  + "&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc");
      assertThat(server.takeRequest().getBody().utf8().split("&"))
          .containsExactlyInAnyOrder("client_id=app", "state=s-1");

      server.enqueue(
          new MockResponse.Builder()
              .code(400)
              .setHeader("Content-Type", "application/json")
              .body("{\"error\":\"invalid_request\",\"error_description\":\"bad scope\"}")
              .build());
      assertThatThrownBy(
              () ->
                  PushedAuthorization.push(
                      Transport.defaults(),
                      m,
                      ClientAuthentication.none("app"),
                      AUTHORIZE,
                      Map.of()))
          .hasMessageContaining("invalid_request");
    }
  }
}
