package dev.lanyard.labarchives;

import static dev.lanyard.labarchives.FakeLabArchivesServer.ADA;
import static dev.lanyard.labarchives.FakeLabArchivesServer.ADA_UID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.InvalidTokenException;
import dev.lanyard.MalformedResponseException;
import dev.lanyard.login.PendingLoginStore;
import dev.lanyard.testing.FakeClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server-side flow of the README: the web application owns the callback URL. */
class LabArchivesWebLoginTest {
  private static final URI CALLBACK = URI.create("https://portal.example.org/labarchives/callback");
  private static final HttpClient NO_REDIRECTS =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private final FakeLabArchivesServer server = FakeLabArchivesServer.start();

  @AfterEach
  void tearDown() {
    server.close();
  }

  /** The browser at LabArchives: where it is sent back to, as the app's request parameters. */
  private static Map<String, String> backAtTheApp(URI loginUrl) throws Exception {
    HttpResponse<Void> r =
        NO_REDIRECTS.send(
            HttpRequest.newBuilder(loginUrl).build(), HttpResponse.BodyHandlers.discarding());
    URI back = URI.create(r.headers().firstValue("Location").orElseThrow());
    assertThat(back.toString()).startsWith(CALLBACK + "?lanyard_state=");
    return new HashMap<>(FakeLabArchivesServer.queryOf(back));
  }

  @Test
  void webLogin_redirectThenCallback_userWithNotebooks() throws Exception {
    LabArchivesWebLogin web = server.client().build().webLogin().build();

    Map<String, String> params = backAtTheApp(web.loginUrl(CALLBACK));
    LabArchivesUser user = web.complete(params);

    assertThat(params).containsKeys("email", "auth_code", LabArchivesWebLogin.STATE_PARAMETER);
    assertThat(user.id()).isEqualTo(ADA_UID);
    assertThat(user.email()).isEqualTo(ADA);
    assertThat(user.notebooks()).isEqualTo(FakeLabArchivesServer.ADAS_NOTEBOOKS);
    assertThat(user.notebook("Analytical engine").id()).isEqualTo("NDYyMjIuOHwzNTU1Ng==");
    assertThat(server.calls()).containsExactly("/api_user_login", "/api/users/user_access_info");
  }

  @Test
  void webLogin_callbackReplayed_refused() throws Exception {
    LabArchivesWebLogin web = server.client().build().webLogin().build();
    Map<String, String> params = backAtTheApp(web.loginUrl(CALLBACK));
    web.complete(params);

    assertThatThrownBy(() -> web.complete(params))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("already used");
  }

  @Test
  void webLogin_callbackWithoutAuthCode_refusedAndStillPending() throws Exception {
    LabArchivesWebLogin web = server.client().build().webLogin().build();
    Map<String, String> params = backAtTheApp(web.loginUrl(CALLBACK));
    Map<String, String> partial = new HashMap<>(params);
    partial.remove("auth_code");

    assertThatThrownBy(() -> web.complete(partial))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessage("the labarchives callback is incomplete (no auth_code parameter); refused");
    assertThat(web.complete(params).id()).isEqualTo(ADA_UID);
  }

  @Test
  void webLogin_labArchivesRefused_authenticationError() throws Exception {
    LabArchivesWebLogin web = server.client().build().webLogin().build();
    server.denyNextLogin("access_denied");

    Map<String, String> params = backAtTheApp(web.loginUrl(CALLBACK));

    assertThatThrownBy(() -> web.complete(params))
        .isInstanceOf(LabArchivesAuthenticationException.class)
        .hasMessage("[access_denied] LabArchives refused the sign-in");
  }

  @Test
  void webLogin_pendingLoginStore_itsLifetimeLimitsTheSignIn() throws Exception {
    FakeClock clock = new FakeClock();
    server.clock(clock);
    LabArchivesWebLogin web =
        server
            .client()
            .clock(clock)
            .build()
            .webLogin()
            .pendingLoginStore(PendingLoginStore.inMemory(10, Duration.ofMinutes(1)))
            .build();
    Map<String, String> params = backAtTheApp(web.loginUrl(CALLBACK));

    clock.advance(Duration.ofSeconds(61));

    assertThatThrownBy(() -> web.complete(params))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageStartingWith("the sign-in expired at ");
    assertThat(web.toString()).startsWith("LabArchivesWebLogin{provider=labarchives, store=");
  }

  @Test
  void webLogin_withoutState_callbackUrlAsGiven() throws Exception {
    LabArchivesWebLogin web = server.client().build().webLogin().withoutState().build();

    URI url = web.loginUrl(CALLBACK);

    assertThat(FakeLabArchivesServer.queryOf(url))
        .containsEntry("redirect_uri", CALLBACK.toString());
    HttpResponse<Void> r =
        NO_REDIRECTS.send(
            HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding());
    Map<String, String> params =
        FakeLabArchivesServer.queryOf(URI.create(r.headers().firstValue("Location").orElseThrow()));
    assertThat(web.complete(params).id()).isEqualTo(ADA_UID);
  }
}
