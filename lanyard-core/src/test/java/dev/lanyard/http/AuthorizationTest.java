package dev.lanyard.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an authorization says to send, and the SPI's constants. */
class AuthorizationTest {
  private static final URI API = URI.create("https://api.example.org/api/users/info?uid=7");

  @Test
  void none_leavesTheRequestAsItIs() throws IOException {
    Authorization a = RequestAuthorizer.NONE.authorize("GET", API);
    assertThat(a).isSameAs(Authorization.NONE);
    assertThat(a.headers()).isEmpty();
    assertThat(a.uriFor(API)).isEqualTo(API);
    assertThat(RequestAuthorizer.NONE.retryMayHelp(a, ResponseHead.of(401, Map.of()))).isFalse();
  }

  @Test
  void header_addsItToEveryRequestAndNeverRetries() throws IOException {
    RequestAuthorizer key = RequestAuthorizer.header("X-Api-Key", "k");
    Authorization a = key.authorize("GET", API);
    assertThat(a.uri()).isEmpty();
    assertThat(a.headers()).containsExactly(Map.entry("X-Api-Key", "k"));
    assertThat(key.retryMayHelp(a, ResponseHead.of(401, Map.of()))).isFalse();
  }

  @Test
  void uriFor_signedUriOnTheSameServer_thatUri() {
    URI signed = URI.create(API + "&sig=s");
    assertThat(Authorization.of(signed, Map.of()).uriFor(API)).isEqualTo(signed);
  }

  @Test
  void uriFor_anotherServer_refusedWithExactMessage() {
    Authorization a = Authorization.of(URI.create("http://api.example.org/api"), Map.of());
    assertThatThrownBy(() -> a.uriFor(API))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "an authorization may not move a request from https://api.example.org to"
                + " http://api.example.org");
  }

  @Test
  void of_lineBreakInAValue_refused() {
    assertThatThrownBy(() -> Authorization.of(Map.of("X", "a\r\nEvil: 1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("header X must not contain a line break");
    assertThatThrownBy(() -> Authorization.of(Map.of(" ", "a")))
        .hasMessage("header name must not be blank");
  }

  @Test
  void equality_headersAndUri() {
    assertThat(Authorization.of(Map.of("A", "1"))).isEqualTo(Authorization.of(Map.of("A", "1")));
    assertThat(Authorization.of(API, Map.of())).isNotEqualTo(Authorization.NONE);
  }

  @Test
  void toString_hidesQueryAndHeaderValues() {
    Authorization a =
        Authorization.of(
            URI.create("https://api.example.org/api/users/user_access_info?password=SECRET"),
            Map.of("Authorization", "Bearer SECRET"));
    assertThat(a.toString())
        .isEqualTo(
            "Authorization{headers=[Authorization],"
                + " uri=https://api.example.org/api/users/user_access_info?[redacted]}");
  }

  @Test
  void responseHead_of_headersByNameIgnoringCase() {
    ResponseHead head =
        ResponseHead.of(401, Map.of("WWW-Authenticate", List.of("Bearer", "Basic")));
    assertThat(head.status()).isEqualTo(401);
    assertThat(head.headers("www-authenticate")).containsExactly("Bearer", "Basic");
    assertThat(head.headers("DPoP-Nonce")).isEmpty();
  }
}
