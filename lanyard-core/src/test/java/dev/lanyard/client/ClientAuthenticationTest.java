package dev.lanyard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientAuthenticationTest {
  private static final String SECRET = "s3cr3t-Vq9xUNIQUE";

  private static String decodeBasic(String header) {
    assertThat(header).startsWith("Basic ");
    return new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
  }

  @Test
  void secretBasic_plainIdAndSecret_headerIsBase64OfIdColonSecret() {
    ClientAuthentication c = ClientAuthentication.secretBasic("service", SECRET);
    assertThat(decodeBasic(c.authorizationHeader().orElseThrow())).isEqualTo("service:" + SECRET);
  }

  @Test
  void secretBasic_colonAndNonAsciiChars_formEncodedBeforeBase64() {
    // RFC 6749 §2.3.1: both are application/x-www-form-urlencoded first, so a ':' in the id
    // cannot be confused with the separator.
    ClientAuthentication c = ClientAuthentication.secretBasic("urn:lab:client", "pä ss:wörd+/");
    String pair = decodeBasic(c.authorizationHeader().orElseThrow());
    assertThat(pair).isEqualTo("urn%3Alab%3Aclient:p%C3%A4+ss%3Aw%C3%B6rd%2B%2F");
    assertThat(pair.chars().filter(ch -> ch == ':').count()).isEqualTo(1);
  }

  @Test
  void secretBasic_formParameters_haveNeitherIdNorSecret() {
    Map<String, String> form = new LinkedHashMap<>();
    ClientAuthentication.secretBasic("service", SECRET).addFormParameters(form);
    assertThat(form).isEmpty();
  }

  @Test
  void secretPost_formParameters_idAndSecretNoHeader() {
    ClientAuthentication c = ClientAuthentication.secretPost("service", SECRET);
    Map<String, String> form = new LinkedHashMap<>();
    c.addFormParameters(form);
    assertThat(form)
        .containsExactly(Map.entry("client_id", "service"), Map.entry("client_secret", SECRET));
    assertThat(c.authorizationHeader()).isEmpty();
    assertThat(c.isConfidential()).isTrue();
  }

  @Test
  void none_formParameters_idOnly() {
    ClientAuthentication c = ClientAuthentication.none("cli");
    Map<String, String> form = new LinkedHashMap<>();
    c.addFormParameters(form);
    assertThat(form).containsExactly(Map.entry("client_id", "cli"));
    assertThat(c.authorizationHeader()).isEmpty();
    assertThat(c.isConfidential()).isFalse();
    assertThat(c.method().wireName()).isEqualTo("none");
  }

  @Test
  void toString_confidentialClients_neverShowSecret() {
    assertThat(ClientAuthentication.secretBasic("service", SECRET).toString())
        .doesNotContain(SECRET)
        .contains("service", "client_secret_basic", "[redacted]");
    assertThat(ClientAuthentication.secretPost("service", SECRET).toString())
        .doesNotContain(SECRET)
        .contains("client_secret_post");
  }

  @Test
  void secretBasic_emptySecret_refused() {
    assertThatThrownBy(() -> ClientAuthentication.secretBasic("service", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a client secret is required for client_secret_basic");
  }

  @Test
  void none_blankClientId_refused() {
    assertThatThrownBy(() -> ClientAuthentication.none(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("clientId must not be blank");
  }
}
