package dev.lanyard.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.provider.ProviderMetadata;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenSessionBuilderTest {
  private static final URI TOKEN = URI.create("https://id.example.org/realms/lab/token");
  private static final URI ISSUER = URI.create("https://id.example.org/realms/lab");
  private static final String SECRET = "cs-Ty5hSECRET";

  @Test
  void tokenEndpointThenIssuer_providerAlreadySet() {
    TokenSession.Builder b = TokenSession.builder().tokenEndpoint(TOKEN);
    assertThatThrownBy(() -> b.issuer(ISSUER))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the provider was already set to " + TOKEN);
  }

  @Test
  void issuerThenProvider_providerAlreadySet() {
    TokenSession.Builder b = TokenSession.builder().issuer(ISSUER);
    assertThatThrownBy(() -> b.provider(ProviderMetadata.builder(TOKEN).build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the provider was already set to " + ISSUER);
  }

  @Test
  void providerTwice_providerAlreadySet() {
    ProviderMetadata m = ProviderMetadata.builder(TOKEN).build();
    TokenSession.Builder b = TokenSession.builder().provider(m);
    assertThatThrownBy(() -> b.tokenEndpoint(TOKEN))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the provider was already set to " + m);
  }

  @Test
  void clientTwice_alreadySetWithoutSecret() {
    TokenSession.Builder b =
        TokenSession.builder().client(ClientAuthentication.secretBasic("service", SECRET));
    assertThatThrownBy(() -> b.client(ClientAuthentication.none("other")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "client was already set to ClientAuthentication{clientId=service,"
                + " method=client_secret_basic, secret=[redacted]}")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void grantTwice_alreadySetWithoutSecret() {
    TokenSession.Builder b = TokenSession.builder().grant(Grant.password("alice", SECRET));
    assertThatThrownBy(() -> b.grant(Grant.clientCredentials()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "grant was already set to Password{username=alice, password=[redacted], scope=}")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void build_endpointWithoutClient_clientRequired() {
    TokenSession.Builder b = TokenSession.builder().tokenEndpoint(TOKEN);
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a client is required: call client(...)");
  }

  @Test
  void build_endpointGrantWithoutEndpoint_endpointRequired() {
    TokenSession.Builder b =
        TokenSession.builder()
            .client(ClientAuthentication.none("app"))
            .grant(Grant.clientCredentials());
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "an issuer, provider or token endpoint is required for ClientCredentials{scope=}");
  }

  @Test
  void skew_negative_exactMessage() {
    assertThatThrownBy(() -> TokenSession.builder().skew(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("skew must not be negative, was PT-1S");
  }

  @Test
  void build_staticTokenAlone_needsNoEndpointOrClient() {
    assertThat(TokenSession.builder().grant(Grant.staticToken("pat")).build().current()).isEmpty();
  }
}
