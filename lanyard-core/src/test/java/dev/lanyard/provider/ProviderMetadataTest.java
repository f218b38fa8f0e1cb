package dev.lanyard.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.MalformedResponseException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ProviderMetadataTest {
  private static final String BASE = "https://id.example.org/realms/lab";

  static String document(String issuer) {
    String p = issuer + "/protocol/openid-connect";
    return "{"
        + "\"issuer\":\""
        + issuer
        + "\","
        + "\"token_endpoint\":\""
        + p
        + "/token\","
        + "\"authorization_endpoint\":\""
        + p
        + "/auth\","
        + "\"device_authorization_endpoint\":\""
        + p
        + "/auth/device\","
        + "\"userinfo_endpoint\":\""
        + p
        + "/userinfo\","
        + "\"jwks_uri\":\""
        + p
        + "/certs\","
        + "\"revocation_endpoint\":\""
        + p
        + "/revoke\","
        + "\"registration_endpoint\":\""
        + issuer
        + "/clients-registrations/openid-connect\","
        + "\"end_session_endpoint\":\""
        + p
        + "/logout\","
        + "\"introspection_endpoint\":\""
        + p
        + "/token/introspect\","
        + "\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES256\"],"
        + "\"code_challenge_methods_supported\":[\"plain\",\"S256\"],"
        + "\"grant_types_supported\":[\"authorization_code\",\"refresh_token\"],"
        + "\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\",\"private_key_jwt\"],"
        + "\"authorization_response_iss_parameter_supported\":true,"
        + "\"some_future_member\":{\"nested\":[1,2,3]}"
        + "}";
  }

  @Test
  void parse_fullDocument_fillsEveryAccessor() throws MalformedResponseException {
    ProviderMetadata m = ProviderMetadata.parse(document(BASE));
    String p = BASE + "/protocol/openid-connect";

    assertThat(m.issuer()).contains(URI.create(BASE));
    assertThat(m.tokenEndpoint()).isEqualTo(URI.create(p + "/token"));
    assertThat(m.authorizationEndpoint()).contains(URI.create(p + "/auth"));
    assertThat(m.deviceAuthorizationEndpoint()).contains(URI.create(p + "/auth/device"));
    assertThat(m.userinfoEndpoint()).contains(URI.create(p + "/userinfo"));
    assertThat(m.jwksUri()).contains(URI.create(p + "/certs"));
    assertThat(m.revocationEndpoint()).contains(URI.create(p + "/revoke"));
    assertThat(m.registrationEndpoint())
        .contains(URI.create(BASE + "/clients-registrations/openid-connect"));
    assertThat(m.endSessionEndpoint()).contains(URI.create(p + "/logout"));
    assertThat(m.introspectionEndpoint()).contains(URI.create(p + "/token/introspect"));
    assertThat(m.idTokenSigningAlgs()).containsExactly("RS256", "ES256");
    assertThat(m.codeChallengeMethods()).containsExactly("plain", "S256");
    assertThat(m.grantTypes()).containsExactly("authorization_code", "refresh_token");
    assertThat(m.tokenEndpointAuthMethods())
        .containsExactly("client_secret_basic", "private_key_jwt");
    assertThat(m.issParameterSupported()).isTrue();
  }

  @Test
  void parse_onlyTokenEndpoint_restEmpty() throws MalformedResponseException {
    ProviderMetadata m =
        ProviderMetadata.parse("{\"token_endpoint\":\"https://id.example.org/token\"}");
    assertThat(m.issuer()).isEmpty();
    assertThat(m.jwksUri()).isEmpty();
    assertThat(m.grantTypes()).isEmpty();
    assertThat(m.issParameterSupported()).isFalse();
  }

  @Test
  void parse_noTokenEndpoint_malformed() {
    assertThatThrownBy(() -> ProviderMetadata.parse("{\"issuer\":\"" + BASE + "\"}"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessage("invalid provider metadata: no token_endpoint");
  }

  @Test
  void parse_relativeTokenEndpoint_malformed() {
    assertThatThrownBy(() -> ProviderMetadata.parse("{\"token_endpoint\":\"/token\"}"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessage("invalid provider metadata: token_endpoint is not an absolute URI");
  }

  @Test
  void parse_wrongMemberTypes_malformed() {
    assertThatThrownBy(
            () ->
                ProviderMetadata.parse(
                    "{\"token_endpoint\":\"https://id.example.org/token\",\"grant_types_supported\":\"password\"}"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("grant_types_supported is not a list");
    assertThatThrownBy(() -> ProviderMetadata.parse("{\"token_endpoint\":7}"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("token_endpoint is not a string");
  }

  @Test
  void parse_notJson_malformed() {
    assertThatThrownBy(() -> ProviderMetadata.parse("<html>Welcome to nginx!</html>"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageStartingWith("invalid provider metadata")
        .hasMessageNotContaining("nginx");
  }

  @Test
  void newBuilder_overrideOneEndpoint_keepsTheRest() throws MalformedResponseException {
    ProviderMetadata m = ProviderMetadata.parse(document(BASE));
    ProviderMetadata changed =
        m.newBuilder().tokenEndpoint(URI.create("https://proxy.example.org/token")).build();
    assertThat(changed.tokenEndpoint()).isEqualTo(URI.create("https://proxy.example.org/token"));
    assertThat(changed.jwksUri()).isEqualTo(m.jwksUri());
    assertThat(changed.introspectionEndpoint()).isEqualTo(m.introspectionEndpoint());
    assertThat(changed.grantTypes()).isEqualTo(m.grantTypes());
  }

  @Test
  void builder_uriWithoutHost_exactMessage() {
    assertThatThrownBy(() -> ProviderMetadata.builder(URI.create("urn:example:token")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tokenEndpoint must be an absolute URI with a host, was urn:example:token");
  }
}
