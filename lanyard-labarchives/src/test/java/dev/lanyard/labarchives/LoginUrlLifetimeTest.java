package dev.lanyard.labarchives;

import static dev.lanyard.labarchives.FakeLabArchivesServer.ADA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.testing.FakeClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The login URL is signed for its own lifetime (5 minutes by default), apart from the 60 s of an
 * API call: the fake server judges both by the same fake clock, so time passes without waiting.
 */
class LoginUrlLifetimeTest {
  private static final HttpClient NO_REDIRECTS =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private static final URI CALLBACK = URI.create("https://portal.example.org/cb");

  private final FakeClock clock = new FakeClock();
  private final FakeLabArchivesServer server = FakeLabArchivesServer.start();

  @AfterEach
  void tearDown() {
    server.close();
  }

  private HttpResponse<String> open(URI url) throws Exception {
    return NO_REDIRECTS.send(
        HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static long expires(URI signed) {
    return Long.parseLong(FakeLabArchivesServer.queryOf(signed).get("expires"));
  }

  @Test
  void loginUrl_expiresAfterFiveMinutes_apiCallsAfterSixtySeconds() throws Exception {
    LabArchives la = server.client().clock(clock).build();

    URI login = la.loginUrl(CALLBACK);
    URI call = la.sign(la.apiUri("users/user_access_info", Map.of("login_or_email", ADA)));

    assertThat(expires(login)).isEqualTo(clock.millis() + Duration.ofMinutes(5).toMillis());
    assertThat(expires(call)).isEqualTo(clock.millis() + Duration.ofSeconds(60).toMillis());
  }

  @Test
  void loginUrl_usedAfterTheCallLifetimeWithinFiveMinutes_works() throws Exception {
    server.clock(clock);
    LabArchives la = server.client().clock(clock).build();
    URI login = la.loginUrl(CALLBACK);
    String token = server.passwordToken(ADA);
    URI call =
        la.sign(
            la.apiUri("users/user_access_info", Map.of("login_or_email", ADA, "password", token)));

    clock.advance(Duration.ofSeconds(61));

    assertThat(open(call).body()).contains("<error-code>4533</error-code>");
    HttpResponse<String> r = open(login);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location").orElseThrow()).contains("auth_code=");
    clock.advance(Duration.ofMinutes(5).minusSeconds(61));
    assertThat(open(login).statusCode()).as("at the last millisecond").isEqualTo(302);
  }

  @Test
  void loginUrl_usedAfterFiveMinutes_refusedAsExpired() throws Exception {
    server.clock(clock);
    URI login = server.client().clock(clock).build().loginUrl(CALLBACK);

    clock.advance(Duration.ofMinutes(5).plusMillis(1));

    HttpResponse<String> r = open(login);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<error-code>4533</error-code>");
  }

  @Test
  void loginUrlLifetime_setOnTheBuilder_usedForLoginUrlsOnly() throws Exception {
    LabArchives la = server.client().clock(clock).loginUrlLifetime(Duration.ofMinutes(15)).build();

    assertThat(expires(la.loginUrl(CALLBACK)))
        .isEqualTo(clock.millis() + Duration.ofMinutes(15).toMillis());
    assertThat(expires(la.sign(la.apiUri("users/user_info_via_id", Map.of("uid", "u")))))
        .isEqualTo(clock.millis() + Duration.ofSeconds(60).toMillis());
  }

  @Test
  void loginUrlLifetime_zeroOrNegative_refused() {
    assertThatThrownBy(() -> LabArchives.builder().loginUrlLifetime(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("loginUrlLifetime must be positive, was PT0S");
    assertThatThrownBy(() -> LabArchives.builder().loginUrlLifetime(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("loginUrlLifetime must be positive, was PT-1S");
  }
}
