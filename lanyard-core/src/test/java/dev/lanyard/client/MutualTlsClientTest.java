package dev.lanyard.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.internal.http.ClientProof;
import dev.lanyard.internal.oauth.ClientMethods;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.transport.Transport;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** RFC 8705 on the request side: the form names the client, the aliases are used. */
class MutualTlsClientTest {
  private static final String METADATA =
      "{\"issuer\":\"https://id.example.org\",\"token_endpoint\":\"https://id.example.org/token\","
          + "\"revocation_endpoint\":\"https://id.example.org/revoke\","
          + "\"device_authorization_endpoint\":\"https://id.example.org/device\","
          + "\"mtls_endpoint_aliases\":{\"token_endpoint\":\"https://mtls.id.example.org/token\","
          + "\"revocation_endpoint\":\"https://mtls.id.example.org/revoke\"}}";

  @Test
  void tlsClientAuth_formNamesTheClient_noSecretNoHeader() {
    ClientProof proof =
        ClientProof.of(
            ClientAuthentication.tlsClientAuth("service"), URI.create("https://id/token"));
    assertThat(proof.parameters()).containsExactly(java.util.Map.entry("client_id", "service"));
    assertThat(proof.headers()).isEmpty();
    assertThat(ClientAuthentication.selfSignedTlsClientAuth("s").method().wireName())
        .isEqualTo("self_signed_tls_client_auth");
    assertThat(ClientAuthentication.tlsClientAuth("s").isConfidential()).isTrue();
  }

  @Test
  void mtlsEndpointAliases_usedOnlyByMutualTlsClients() throws Exception {
    ProviderMetadata m = ProviderMetadata.parse(METADATA);
    assertThat(m.mtlsEndpointAliases())
        .containsEntry("token_endpoint", URI.create("https://mtls.id.example.org/token"));
    assertThat(endpoint(m, ClientAuthentication.tlsClientAuth("s")))
        .isEqualTo(URI.create("https://mtls.id.example.org/token"));
    assertThat(endpoint(m, ClientAuthentication.none("s")))
        .isEqualTo(URI.create("https://id.example.org/token"));
  }

  @Test
  void mtlsEndpointAliases_everyEndpointTheProviderAliases_othersUnchanged() throws Exception {
    ProviderMetadata m = ProviderMetadata.parse(METADATA);
    ClientAuthentication tls = ClientAuthentication.tlsClientAuth("s");
    URI revoke = m.revocationEndpoint().orElseThrow();
    URI device = m.deviceAuthorizationEndpoint().orElseThrow();
    assertThat(ClientMethods.endpoint(m, tls, "revocation_endpoint", revoke))
        .isEqualTo(URI.create("https://mtls.id.example.org/revoke"));
    assertThat(ClientMethods.endpoint(m, tls, "device_authorization_endpoint", device))
        .isEqualTo(device); // no alias named: the plain endpoint
    assertThat(
            ClientMethods.endpoint(
                m, ClientAuthentication.none("s"), "revocation_endpoint", revoke))
        .isEqualTo(revoke);
  }

  private static URI endpoint(ProviderMetadata m, ClientAuthentication c) {
    return ClientMethods.tokenEndpoint(
            m, c, Transport.defaults(), InstantSource.system(), Duration.ofMinutes(5), null)
        .uri();
  }
}
