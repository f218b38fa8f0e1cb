package dev.lanyard.it.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.example.webapp.ExampleWebApp;
import dev.lanyard.it.support.Browser;
import dev.lanyard.it.support.Keycloak;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example web app in headless Chromium: two browsers sign in as alice and bob, each sees only
 * its own person, and signing out ends the session here and at Keycloak.
 */
class ExampleWebAppTest {
  private static final String ALICE_EMAIL = "alice@example.org";
  private static final String BOB_EMAIL = "bob@example.org";
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private static ExampleWebApp app;

  @BeforeAll
  static void start() throws Exception {
    app =
        ExampleWebApp.builder()
            .issuer(URI.create(Keycloak.get().issuer()))
            .clientId(Keycloak.CLIENT_CLI)
            .port(0)
            .start();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  private static URI at(String path) {
    return app.baseUri().resolve(path);
  }

  @Test
  void twoBrowsers_aliceAndBob_eachSeesOnlyThemselvesAndLogoutEndsTheSession() throws Exception {
    try (Browser alice = Browser.start();
        Browser bob = Browser.start()) {
      signIn(alice, Keycloak.ALICE, Keycloak.ALICE_PASSWORD, ALICE_EMAIL);
      signIn(bob, Keycloak.BOB, Keycloak.BOB_PASSWORD, BOB_EMAIL);
      assertThat(app.signedIn()).isEqualTo(2);

      // Each browser, asked again after the other signed in, still sees only its own person.
      assertOnlySees(alice, ALICE_EMAIL, BOB_EMAIL);
      assertOnlySees(bob, BOB_EMAIL, ALICE_EMAIL);

      // The protected API, called with each person's own token.
      assertApiAnswersFor(alice, "alice", "bob");
      assertApiAnswersFor(bob, "bob", "alice");

      alice.open(at("/")).click("logout");
      alice.waitForText("Not signed in");
      assertThat(alice.url()).startsWith(app.baseUri().toString());
      assertThat(app.signedIn()).isEqualTo(1);
      alice.open(at("/api")).waitForText("Not signed in");

      // Keycloak's session ended too: signing in again asks for the password.
      alice.open(at("/login")).waitFor("username");

      assertOnlySees(bob, BOB_EMAIL, ALICE_EMAIL);
      assertApiAnswersFor(bob, "bob", "alice");
    }
  }

  @Test
  void cookies_unknownOrMissing_notSignedIn() throws Exception {
    HttpResponse<String> none = get("/", List.of());
    assertThat(none.statusCode()).isEqualTo(200);
    assertThat(none.body()).contains("Not signed in");

    HttpResponse<String> made = get("/api", List.of("Cookie", "lanyard_session=made-up"));
    assertThat(made.statusCode()).isEqualTo(401);
    assertThat(made.body()).contains("Not signed in");
  }

  @Test
  void login_setsALaxHttpOnlyStateCookieAndRedirectsToKeycloak() throws Exception {
    HttpResponse<String> login = get("/login", List.of());

    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(login.headers().firstValue("Location").orElseThrow())
        .startsWith(Keycloak.get().authorizationEndpoint() + "?");
    assertThat(login.headers().allValues("Set-Cookie"))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c)
                    .startsWith("lanyard_login=")
                    .contains("; Path=/callback", "; HttpOnly", "; SameSite=Lax"));
  }

  @Test
  void callback_stateNotStartedInThisBrowser_refused() throws Exception {
    HttpResponse<String> forged = get("/callback?code=stolen&state=someone-elses", List.of());
    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(forged.body()).contains("not started in this browser");
  }

  @Test
  void logout_get_doesNotSignOut() throws Exception {
    HttpResponse<String> page = get("/logout", List.of());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<form method=\"post\" action=\"/logout\">");
  }

  private static void signIn(Browser browser, String user, String password, String email) {
    browser.open(at("/")).click("login");
    browser.signIn(user, password);
    browser.waitForText("Signed in as " + email);
    assertThat(browser.url()).isEqualTo(at("/").toString());
  }

  private static void assertOnlySees(Browser browser, String own, String other) {
    browser.open(at("/")).waitForText("Signed in as " + own);
    assertThat(browser.text()).doesNotContain(other);
  }

  private static void assertApiAnswersFor(Browser browser, String own, String other) {
    browser.open(at("/api")).waitForText("HTTP 200");
    assertThat(browser.text())
        .contains("\"preferred_username\":\"" + own + "\"")
        .doesNotContain(other);
  }

  private static HttpResponse<String> get(String path, List<String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(at(path)).timeout(Duration.ofSeconds(10)).GET();
    for (int i = 0; i < headers.size(); i += 2) {
      b.header(headers.get(i), headers.get(i + 1));
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
