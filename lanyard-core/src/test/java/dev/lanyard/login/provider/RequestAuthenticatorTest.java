package dev.lanyard.login.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Authenticating a request: the neutral form, and applying it to a java.net.http request. */
class RequestAuthenticatorTest {
  private static final URI API = URI.create("https://api.example.org/api/users/info?uid=7");

  /** Signs like a query-signing provider does: the method name and a signature in the query. */
  private final RequestAuthenticator signer =
      (method, uri) ->
          new AuthenticatedRequest(
              URI.create(uri + "&sig=" + method.toLowerCase() + "-signed"),
              Map.of("X-Signed", "yes"));

  @Test
  void none_leavesTheRequestAsItIs() throws IOException {
    assertThat(RequestAuthenticator.NONE.authenticate("GET", API))
        .isEqualTo(AuthenticatedRequest.of(API));
  }

  @Test
  void header_addsItToEveryRequest() throws IOException {
    AuthenticatedRequest a =
        RequestAuthenticator.header("Authorization", "Bearer t").authenticate("GET", API);

    assertThat(a.uri()).isEqualTo(API);
    assertThat(a.headers()).containsExactly(Map.entry("Authorization", "Bearer t"));
  }

  @Test
  void apply_keepsMethodBodyTimeoutAndOtherHeaders_replacesUriAndSameNamedHeader()
      throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(API)
            .POST(HttpRequest.BodyPublishers.ofString("entry text"))
            .timeout(Duration.ofSeconds(7))
            .version(HttpClient.Version.HTTP_1_1)
            .header("Accept", "application/xml")
            .header("x-signed", "forged")
            .build();

    HttpRequest signed = signer.apply(request);

    assertThat(signed.uri()).isEqualTo(URI.create(API + "&sig=post-signed"));
    assertThat(signed.method()).isEqualTo("POST");
    assertThat(signed.bodyPublisher()).containsSame(request.bodyPublisher().orElseThrow());
    assertThat(signed.timeout()).contains(Duration.ofSeconds(7));
    assertThat(signed.version()).contains(HttpClient.Version.HTTP_1_1);
    assertThat(signed.headers().allValues("Accept")).containsExactly("application/xml");
    assertThat(signed.headers().allValues("X-Signed")).isEqualTo(List.of("yes"));
  }

  @Test
  void authenticatedRequest_toStringHidesQueryAndHeaderValues() {
    AuthenticatedRequest a =
        new AuthenticatedRequest(
            URI.create("https://api.example.org/api/users/user_access_info?password=SECRET"),
            Map.of("Authorization", "Bearer SECRET"));

    assertThat(a.toString())
        .isEqualTo(
            "AuthenticatedRequest{uri=https://api.example.org/api/users/user_access_info"
                + "?[redacted], headers=[Authorization]}");
  }
}
