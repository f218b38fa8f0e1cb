package dev.lanyard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.internal.http.ClientProof;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientAuthenticationTest {
  private static final String SECRET = "s3cr3t-Vq9xUNIQUE";
  private static final URI TOKEN_ENDPOINT = URI.create("https://id.example.org/token");

  /** What the client adds to a request to the token endpoint. */
  private static ClientProof proof(ClientAuthentication c) {
    return ClientProof.of(c, TOKEN_ENDPOINT);
  }

  private static Optional<String> authorizationHeader(ClientAuthentication c) {
    return Optional.ofNullable(proof(c).headers().get("Authorization"));
  }

  private static Map<String, String> formParameters(ClientAuthentication c) {
    return proof(c).parameters();
  }

  private static String decodeBasic(String header) {
    assertThat(header).startsWith("Basic ");
    return new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
  }

  @Test
  void secretBasic_plainIdAndSecret_headerIsBase64OfIdColonSecret() {
    ClientAuthentication c = ClientAuthentication.secretBasic("service", SECRET);
    assertThat(decodeBasic(authorizationHeader(c).orElseThrow())).isEqualTo("service:" + SECRET);
  }

  @Test
  void secretBasic_colonAndNonAsciiChars_formEncodedBeforeBase64() {
    // RFC 6749 §2.3.1: both are application/x-www-form-urlencoded first, so a ':' in the id
    // cannot be confused with the separator.
    ClientAuthentication c = ClientAuthentication.secretBasic("urn:lab:client", "pä ss:wörd+/");
    String pair = decodeBasic(authorizationHeader(c).orElseThrow());
    assertThat(pair).isEqualTo("urn%3Alab%3Aclient:p%C3%A4+ss%3Aw%C3%B6rd%2B%2F");
    assertThat(pair.chars().filter(ch -> ch == ':').count()).isEqualTo(1);
  }

  @Test
  void secretBasic_formParameters_haveNeitherIdNorSecret() {
    assertThat(formParameters(ClientAuthentication.secretBasic("service", SECRET))).isEmpty();
  }

  @Test
  void secretPost_formParameters_idAndSecretNoHeader() {
    ClientAuthentication c = ClientAuthentication.secretPost("service", SECRET);
    assertThat(formParameters(c))
        .containsExactly(Map.entry("client_id", "service"), Map.entry("client_secret", SECRET));
    assertThat(authorizationHeader(c)).isEmpty();
    assertThat(c.isConfidential()).isTrue();
  }

  @Test
  void none_formParameters_idOnly() {
    ClientAuthentication c = ClientAuthentication.none("cli");
    assertThat(formParameters(c)).containsExactly(Map.entry("client_id", "cli"));
    assertThat(authorizationHeader(c)).isEmpty();
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

  @Test
  void secret_confidentialAndPublic_heldAsRedactedSupplier() {
    ClientAuthentication c = ClientAuthentication.secretBasic("service", SECRET);
    assertThat(c.secret().orElseThrow().get()).isEqualTo(SECRET);
    assertThat(c.secret().orElseThrow().toString()).isEqualTo("[redacted]");
    assertThat(ClientAuthentication.none("cli").secret()).isEmpty();
  }

  @Test
  void proof_toString_namesOnly() {
    assertThat(proof(ClientAuthentication.secretPost("service", SECRET)).toString())
        .doesNotContain(SECRET)
        .contains("client_secret");
    assertThat(proof(ClientAuthentication.secretBasic("service", SECRET)).toString())
        .doesNotContain(SECRET)
        .doesNotContain("Basic ")
        .contains("Authorization");
  }
}
