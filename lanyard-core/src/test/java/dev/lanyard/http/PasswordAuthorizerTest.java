package dev.lanyard.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.NoCredentialsException;
import dev.lanyard.testing.ScriptedApi;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HTTP Basic with a login and a password from a supplier, for APIs without OAuth. */
class PasswordAuthorizerTest {
  private static final String PASSWORD = "pw-Vb8UNIQUE";
  private final ScriptedApi api = new ScriptedApi();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    api.close();
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> get(RequestAuthorizer a) throws Exception {
    return AuthenticatedHttpClient.of(http, a)
        .send(HttpRequest.newBuilder(api.api()).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void requests_carryBasic_passwordAskedOnce() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    RequestAuthorizer a =
        RequestAuthorizer.basic(
            "ada",
            () -> {
              asked.incrementAndGet();
              return PASSWORD;
            });
    assertThat(asked).as("nothing asked before the first request").hasValue(0);
    for (int i = 0; i < 3; i++) {
      assertThat(get(a).statusCode()).isEqualTo(200);
    }
    assertThat(api.authorizations()).containsOnly(basic("ada", PASSWORD)).hasSize(3);
    assertThat(asked).hasValue(1);
  }

  @Test
  void unauthorized_passwordChanged_askedAgainAndRetriedOnce() throws Exception {
    List<String> passwords = List.of("old-pw", "new-pw");
    AtomicInteger n = new AtomicInteger();
    Supplier<String> rotating = () -> passwords.get(Math.min(n.getAndIncrement(), 1));
    api.reject(basic("ada", "old-pw"));
    HttpResponse<String> r = get(RequestAuthorizer.basic("ada", rotating));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(api.authorizations())
        .containsExactly(basic("ada", "old-pw"), basic("ada", "new-pw"));
  }

  @Test
  void unauthorized_samePasswordAgain_rejectedAuthorizationReturned_callerGets401()
      throws Exception {
    RequestAuthorizer a = RequestAuthorizer.basic("ada", () -> PASSWORD);
    Authorization sent = a.authorize("GET", api.api());
    ResponseHead refused = ResponseHead.of(401, java.util.Map.of());
    assertThat(a.retryMayHelp(sent, refused)).isTrue();
    assertThat(a.reauthorize("GET", api.api(), sent, refused))
        .as("a retry cannot help")
        .isSameAs(sent);

    api.reject(basic("ada", PASSWORD));
    HttpResponse<String> r = get(a);
    assertThat(r.statusCode()).isEqualTo(401);
    // The JDK client has discarded the first body, so it may send once more; never a third time.
    assertThat(api.authorizations()).containsOnly(basic("ada", PASSWORD)).hasSizeBetween(1, 2);
  }

  @Test
  void supplierGivesNothing_noCredentials_nothingSent() {
    RequestAuthorizer a = RequestAuthorizer.basic("ada", () -> null);
    assertThatThrownBy(() -> get(a))
        .isInstanceOf(NoCredentialsException.class)
        .hasMessage("no password for ada: the password supplier gave none");
    assertThat(api.apiRequests()).isEmpty();
  }

  @Test
  void badUsernameOrPassword_refused_passwordNeverShown() {
    assertThatThrownBy(() -> RequestAuthorizer.basic("a:b", () -> PASSWORD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not contain ':'");
    assertThatThrownBy(() -> RequestAuthorizer.basic("a\tb", () -> PASSWORD))
        .hasMessage("username must not contain control characters");
    RequestAuthorizer broken = RequestAuthorizer.basic("ada", () -> PASSWORD + "\n");
    assertThatThrownBy(() -> get(broken))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the password for ada contains a control character");
    assertThat(RequestAuthorizer.basic("ada", () -> PASSWORD).toString())
        .isEqualTo("Basic{username=ada, password=[redacted]}");
  }
}
