package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.lanyard.it.support.Keycloak;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves the integration-test infrastructure: the shared Keycloak runs, realm "lab" is imported as
 * keycloak/realm-lab.json describes, and the admin helpers work. Plain java.net.http on purpose: it
 * does not depend on lanyard-core.
 */
class KeycloakSmokeTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static Keycloak keycloak;

  @BeforeAll
  static void startKeycloak() {
    keycloak = Keycloak.get();
  }

  @Test
  void getReturnsTheSameRunningInstance() {
    assertThat(Keycloak.get()).isSameAs(keycloak);
    assertThat(keycloak.baseUri().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
    assertThat(keycloak.issuer()).isEqualTo(keycloak.baseUri() + "/realms/lab");
  }

  @Test
  void discoveryDocumentNamesThePinnedIssuer() throws Exception {
    Response discovery = get(URI.create(keycloak.discoveryEndpoint()));

    assertThat(discovery.status).isEqualTo(200);
    assertThat(discovery.json.get("issuer")).isEqualTo(keycloak.issuer());
    assertThat(discovery.json.get("token_endpoint")).isEqualTo(keycloak.tokenEndpoint());
    assertThat(discovery.json.get("device_authorization_endpoint"))
        .isEqualTo(keycloak.deviceEndpoint());
    assertThat(discovery.json.get("authorization_endpoint"))
        .isEqualTo(keycloak.authorizationEndpoint());
  }

  @Test
  void passwordGrantOnCliReturnsAccessAndRefreshTokens() throws Exception {
    Response token = passwordGrant(Keycloak.CLIENT_CLI, Keycloak.ALICE, Keycloak.ALICE_PASSWORD);

    assertThat(token.status).as(token.body).isEqualTo(200);
    assertThat((String) token.json.get("access_token")).isNotBlank();
    assertThat((String) token.json.get("refresh_token")).isNotBlank();
    assertThat(token.json.get("token_type")).isEqualTo("Bearer");
    assertThat(((Number) token.json.get("expires_in")).intValue()).isEqualTo(300);
  }

  @Test
  void clientCredentialsForServiceReturnAnAccessTokenButNoRefreshToken() throws Exception {
    Response token =
        postForm(
            URI.create(keycloak.tokenEndpoint()),
            form(
                "grant_type", "client_credentials",
                "client_id", Keycloak.CLIENT_SERVICE,
                "client_secret", Keycloak.CLIENT_SERVICE_SECRET));

    assertThat(token.status).as(token.body).isEqualTo(200);
    assertThat((String) token.json.get("access_token")).isNotBlank();
    assertThat(token.json).doesNotContainKey("refresh_token");
  }

  @Test
  void serviceClientHasNoPasswordGrant() throws Exception {
    Response token =
        postForm(
            URI.create(keycloak.tokenEndpoint()),
            form(
                "grant_type", "password",
                "client_id", Keycloak.CLIENT_SERVICE,
                "client_secret", Keycloak.CLIENT_SERVICE_SECRET,
                "username", Keycloak.ALICE,
                "password", Keycloak.ALICE_PASSWORD));

    assertThat(token.status).as(token.body).isEqualTo(400);
    assertThat(token.json.get("error")).isEqualTo("unauthorized_client");
  }

  @Test
  void refreshTokensRotateAndAReusedOneIsRejected() throws Exception {
    int refreshesBefore = keycloak.countEvents("REFRESH_TOKEN");
    int errorsBefore = keycloak.countEvents("REFRESH_TOKEN_ERROR");
    String first =
        (String)
            passwordGrant(Keycloak.CLIENT_CLI, Keycloak.ALICE, Keycloak.ALICE_PASSWORD)
                .json
                .get("refresh_token");
    // Keycloak compares whole seconds: a token issued in the second of the latest refresh is not
    // stale.
    awaitNextSecond(first);

    Response second = refresh(Keycloak.CLIENT_CLI, first);
    assertThat(second.status).as(second.body).isEqualTo(200);
    String secondToken = (String) second.json.get("refresh_token");
    assertThat(secondToken).isNotBlank().isNotEqualTo(first);

    Response third = refresh(Keycloak.CLIENT_CLI, secondToken);
    assertThat(third.status).as(third.body).isEqualTo(200);
    String thirdToken = (String) third.json.get("refresh_token");
    assertThat(thirdToken).isNotBlank().isNotEqualTo(secondToken);

    Response reuse = refresh(Keycloak.CLIENT_CLI, first);
    assertThat(reuse.status).as(reuse.body).isEqualTo(400);
    assertThat(reuse.json.get("error")).isEqualTo("invalid_grant");
    assertThat(reuse.json.get("error_description")).isEqualTo("Stale token");

    // Keycloak answers reuse by dropping the client from the session: the newest token is dead too.
    Response afterReuse = refresh(Keycloak.CLIENT_CLI, thirdToken);
    assertThat(afterReuse.status).as(afterReuse.body).isEqualTo(400);
    assertThat(afterReuse.json.get("error")).isEqualTo("invalid_grant");
    assertThat(afterReuse.json.get("error_description"))
        .isEqualTo("Session doesn't have required client");

    assertThat(keycloak.countEvents("REFRESH_TOKEN")).isEqualTo(refreshesBefore + 2);
    assertThat(keycloak.countEvents("REFRESH_TOKEN_ERROR")).isEqualTo(errorsBefore + 2);
  }

  @Test
  void presentingTheLastUsedRefreshTokenAgainIsRejected() throws Exception {
    String first =
        (String)
            passwordGrant(Keycloak.CLIENT_CLI, Keycloak.ALICE, Keycloak.ALICE_PASSWORD)
                .json
                .get("refresh_token");
    assertThat(refresh(Keycloak.CLIENT_CLI, first).status).isEqualTo(200);

    Response reuse = refresh(Keycloak.CLIENT_CLI, first);

    assertThat(reuse.status).as(reuse.body).isEqualTo(400);
    assertThat(reuse.json.get("error")).isEqualTo("invalid_grant");
    assertThat(reuse.json.get("error_description"))
        .isEqualTo("Maximum allowed refresh token reuse exceeded");
  }

  /**
   * Documents a Keycloak 26.7.3 quirk that tests counting refresh errors must know: when a token
   * was issued in the same whole second as the latest refresh, presenting it again after a newer
   * token was used passes (and both chains stay alive).
   */
  @Test
  void reuseIsNotDetectedWhenIssuanceAndLatestRefreshShareASecond() throws Exception {
    Thread.sleep(1000 - System.currentTimeMillis() % 1000 + 20); // start of a second
    String first =
        (String)
            passwordGrant(Keycloak.CLIENT_CLI, Keycloak.ALICE, Keycloak.ALICE_PASSWORD)
                .json
                .get("refresh_token");
    String secondToken = (String) refresh(Keycloak.CLIENT_CLI, first).json.get("refresh_token");
    String thirdToken =
        (String) refresh(Keycloak.CLIENT_CLI, secondToken).json.get("refresh_token");
    assumeTrue(
        issuedAt(first) == issuedAt(thirdToken), "the three requests took more than one second");

    Response reuse = refresh(Keycloak.CLIENT_CLI, first);

    assertThat(reuse.status).as(reuse.body).isEqualTo(200);
    assertThat(refresh(Keycloak.CLIENT_CLI, thirdToken).status).isEqualTo(200);
  }

  @Test
  void cliShortIssuesTenSecondAccessTokens() throws Exception {
    Response token = passwordGrant(Keycloak.CLIENT_CLI_SHORT, Keycloak.BOB, Keycloak.BOB_PASSWORD);

    assertThat(token.status).as(token.body).isEqualTo(200);
    assertThat(((Number) token.json.get("expires_in")).intValue()).isEqualTo(10);
    assertThat((String) token.json.get("refresh_token")).isNotBlank();
  }

  @Test
  void deviceAuthorizationOnCliRequiresPkceS256() throws Exception {
    Response withoutPkce =
        postForm(URI.create(keycloak.deviceEndpoint()), form("client_id", Keycloak.CLIENT_CLI));
    assertThat(withoutPkce.status).as(withoutPkce.body).isEqualTo(400);
    assertThat(withoutPkce.json.get("error")).isEqualTo("invalid_request");
    assertThat(withoutPkce.json.get("error_description"))
        .isEqualTo("Missing parameter: code_challenge_method");

    Response plain =
        postForm(
            URI.create(keycloak.deviceEndpoint()),
            form(
                "client_id", Keycloak.CLIENT_CLI,
                "code_challenge_method", "plain",
                "code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    assertThat(plain.status).as(plain.body).isEqualTo(400);
    assertThat(plain.json.get("error")).isEqualTo("invalid_request");

    Response withPkce =
        postForm(
            URI.create(keycloak.deviceEndpoint()),
            form(
                "client_id", Keycloak.CLIENT_CLI,
                "code_challenge_method", "S256",
                "code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    assertThat(withPkce.status).as(withPkce.body).isEqualTo(200);
    assertThat((String) withPkce.json.get("device_code")).isNotBlank();
    assertThat((String) withPkce.json.get("user_code")).isNotBlank();
    assertThat((String) withPkce.json.get("verification_uri")).startsWith(keycloak.issuer());
  }

  @Test
  void adminHelpersFindUsersAndEndTheirSessions() throws Exception {
    assertThat(keycloak.adminToken()).isNotBlank();
    assertThat(keycloak.userId(Keycloak.ALICE))
        .isNotBlank()
        .isNotEqualTo(keycloak.userId(Keycloak.BOB));

    String refreshToken =
        (String)
            passwordGrant(Keycloak.CLIENT_CLI, Keycloak.BOB, Keycloak.BOB_PASSWORD)
                .json
                .get("refresh_token");
    keycloak.logoutAllSessions(Keycloak.BOB);

    Response refreshed = refresh(Keycloak.CLIENT_CLI, refreshToken);
    assertThat(refreshed.status).as(refreshed.body).isEqualTo(400);
    assertThat(refreshed.json.get("error")).isEqualTo("invalid_grant");
  }

  @Test
  void eventsCanBeCountedAndCleared() throws Exception {
    passwordGrant(Keycloak.CLIENT_CLI, Keycloak.ALICE, Keycloak.ALICE_PASSWORD);
    assertThat(keycloak.countEvents("LOGIN")).isPositive();

    keycloak.clearEvents();

    assertThat(keycloak.countEvents("LOGIN")).isZero();
    passwordGrant(Keycloak.CLIENT_CLI, Keycloak.ALICE, Keycloak.ALICE_PASSWORD);
    assertThat(keycloak.countEvents("LOGIN")).isEqualTo(1);
  }

  // ------------------------------------------------------------------ plumbing

  private static Response passwordGrant(String clientId, String username, String password)
      throws Exception {
    return postForm(
        URI.create(keycloak.tokenEndpoint()),
        form(
            "grant_type", "password",
            "client_id", clientId,
            "username", username,
            "password", password));
  }

  private static Response refresh(String clientId, String refreshToken) throws Exception {
    return postForm(
        URI.create(keycloak.tokenEndpoint()),
        form(
            "grant_type", "refresh_token",
            "client_id", clientId,
            "refresh_token", refreshToken));
  }

  /** The {@code iat} claim of a JWT, in epoch seconds. */
  private static long issuedAt(String jwt) throws ParseException {
    String payload =
        new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    return ((Number) JSONObjectUtils.parse(payload).get("iat")).longValue();
  }

  /** Sleeps until the clock is past the second in which {@code jwt} was issued. */
  private static void awaitNextSecond(String jwt) throws Exception {
    long next = (issuedAt(jwt) + 1) * 1000;
    long wait = next - System.currentTimeMillis() + 50;
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }

  private static Map<String, String> form(String... keysAndValues) {
    Map<String, String> form = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      form.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return form;
  }

  private static Response postForm(URI uri, Map<String, String> form)
      throws IOException, InterruptedException {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private static Response get(URI uri) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build());
  }

  private static Response send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body());
  }

  private static final class Response {
    final int status;
    final String body;
    final Map<String, Object> json;

    Response(int status, String body) {
      this.status = status;
      this.body = body;
      Map<String, Object> parsed;
      try {
        parsed = JSONObjectUtils.parse(body);
      } catch (ParseException e) {
        parsed = Map.of();
      }
      this.json = parsed;
    }
  }
}
