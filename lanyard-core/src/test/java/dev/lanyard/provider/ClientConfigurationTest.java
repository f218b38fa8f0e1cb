package dev.lanyard.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.internal.http.Json;
import dev.lanyard.transport.Transport;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ClientConfigurationTest {
  private static RegisteredClient parse(String json) throws Exception {
    return RegisteredClient.parse(Json.parseObject(json), json, 201);
  }

  @Test
  void of_noRegistrationAccessToken_cannotBeManaged() throws Exception {
    RegisteredClient c = parse("{\"client_id\":\"c1\"}");
    assertThatThrownBy(() -> ClientConfiguration.of(c, Transport.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the provider gave client c1 no registration_access_token: it cannot be managed"
                + " (RFC 7592)");
  }

  @Test
  void of_plainHttpElsewhere_refused_toStringHidesTheToken() throws Exception {
    RegisteredClient c =
        parse(
            "{\"client_id\":\"c1\",\"registration_access_token\":\"rat-SECRET\","
                + "\"registration_client_uri\":\"https://id.example.org/reg/c1\"}");
    assertThat(ClientConfiguration.of(c, Transport.defaults()).toString())
        .doesNotContain("rat-SECRET")
        .contains("https://id.example.org/reg/c1");
    assertThatThrownBy(
            () ->
                ClientConfiguration.of(
                    URI.create("http://id.example.org/reg/c1"), "t", "c1", Transport.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must use https");
  }
}
