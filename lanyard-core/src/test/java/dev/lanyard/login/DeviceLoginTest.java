package dev.lanyard.login;

import static dev.lanyard.login.ScriptedProvider.error;
import static dev.lanyard.login.ScriptedProvider.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.AuthorizationDeniedException;
import dev.lanyard.IdentityMismatchException;
import dev.lanyard.LoginTimeoutException;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.internal.oauth.Pkce;
import dev.lanyard.testing.FakeClock;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 8628 polling against a scripted provider; waits move a fake clock instead of sleeping. */
@Timeout(30)
class DeviceLoginTest {
  private static final String DEVICE_CODE = "dc-Hy8rUNIQUE";
  private static final String DEVICE =
      "{\"device_code\":\""
          + DEVICE_CODE
          + "\",\"user_code\":\"WDJB-MJHT\","
          + "\"verification_uri\":\"https://id.example.org/device\","
          + "\"verification_uri_complete\":\"https://id.example.org/device?user_code=WDJB-MJHT\","
          + "\"expires_in\":600,\"interval\":5}";

  private final FakeClock clock = new FakeClock();
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final AtomicReference<DeviceCode> shown = new AtomicReference<>();
  private ScriptedProvider provider;

  @BeforeEach
  void setUp() throws IOException {
    provider = new ScriptedProvider().byDefault("/device", json(200, DEVICE));
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  private DeviceLogin.Builder builder(List<String> codeChallengeMethods) {
    return DeviceLogin.builder()
        .provider(provider.metadata().codeChallengeMethods(codeChallengeMethods).build())
        .client(ClientAuthentication.none("lab-cli"))
        .transport(ScriptedProvider.transport())
        .clock(clock)
        .prompt(shown::set)
        .sleeper(
            d -> {
              waits.add(d);
              clock.advance(d);
            });
  }

  private ScriptedProvider tokenAnswers(MockResponse... answers) {
    for (MockResponse a : answers) {
      provider.then("/token", a);
    }
    return provider;
  }

  @Test
  void pendingTwiceSlowDownThenSuccess_intervalsFollowProvider() throws IOException {
    tokenAnswers(
        error(400, "authorization_pending"),
        error(400, "authorization_pending"),
        error(400, "slow_down"));

    LoginResult result = builder(List.of("S256")).build().login();

    assertThat(result.tokens().accessToken()).isEqualTo(ScriptedProvider.ACCESS);
    assertThat(waits)
        .containsExactly(
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10));
    assertThat(shown.get().userCode()).isEqualTo("WDJB-MJHT");
    assertThat(shown.get().verificationUriComplete()).isPresent();
    assertThat(shown.get().expiresAt())
        .isEqualTo(Instant.parse("2025-01-01T10:00:00Z").plusSeconds(600));
    assertThat(shown.get().toString()).doesNotContain("WDJB-MJHT", DEVICE_CODE);

    Map<String, String> device = provider.forms("/device").get(0);
    assertThat(device)
        .containsEntry("client_id", "lab-cli")
        .containsEntry("scope", "openid")
        .containsEntry("code_challenge_method", "S256");
    List<Map<String, String>> polls = provider.forms("/token");
    assertThat(polls)
        .hasSize(4)
        .allSatisfy(
            p ->
                assertThat(p)
                    .containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:device_code")
                    .containsEntry("device_code", DEVICE_CODE));
    assertThat(Pkce.challengeOf(polls.get(0).get("code_verifier")))
        .isEqualTo(device.get("code_challenge"));
  }

  @Test
  void noS256InDiscovery_noPkce_unlessForced() throws IOException {
    builder(List.of()).build().login();
    assertThat(provider.forms("/device").get(0)).doesNotContainKey("code_challenge");
    assertThat(provider.forms("/token").get(0)).doesNotContainKey("code_verifier");

    builder(List.of()).pkce(true).build().login();
    assertThat(provider.forms("/device").get(1)).containsKey("code_challenge");
    assertThat(provider.forms("/token").get(1)).containsKey("code_verifier");

    builder(List.of("S256")).pkce(false).build().login();
    assertThat(provider.forms("/device").get(2)).doesNotContainKey("code_challenge");
  }

  @Test
  void providerRequiresPkceUnannounced_askedAgainWithPkce() throws IOException {
    provider.then(
        "/device",
        json(
            400,
            "{\"error\":\"invalid_request\",\"error_description\":\"Missing parameter:"
                + " code_challenge_method\"}"));

    builder(List.of()).build().login();

    List<Map<String, String>> requests = provider.forms("/device");
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0)).doesNotContainKey("code_challenge");
    assertThat(requests.get(1)).containsEntry("code_challenge_method", "S256");
    assertThat(Pkce.challengeOf(provider.forms("/token").get(0).get("code_verifier")))
        .isEqualTo(requests.get(1).get("code_challenge"));
  }

  @Test
  void expiredToken_loginTimeout() {
    tokenAnswers(error(400, "authorization_pending"), error(400, "expired_token"));
    assertThatThrownBy(() -> builder(List.of()).build().login())
        .isInstanceOf(LoginTimeoutException.class)
        .hasMessageContaining("device code expired");
  }

  @Test
  void accessDenied_authorizationDenied() {
    tokenAnswers(error(400, "access_denied"));
    assertThatThrownBy(() -> builder(List.of()).build().login())
        .isInstanceOf(AuthorizationDeniedException.class)
        .satisfies(
            e -> assertThat(((AuthorizationDeniedException) e).error()).isEqualTo("access_denied"));
  }

  @Test
  void serviceUnavailableThenSuccess_retriedWithinDeadline() throws IOException {
    tokenAnswers(
        new MockResponse.Builder()
            .code(503)
            .setHeader("Content-Type", "text/html")
            .body("<h1>down</h1>")
            .build(),
        json(503, "{\"error\":\"temporarily_unavailable\"}"));

    assertThat(builder(List.of()).build().login().tokens().accessToken())
        .isEqualTo(ScriptedProvider.ACCESS);
    assertThat(provider.forms("/token")).hasSize(3);
    assertThat(waits)
        .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  @Test
  void neverApproved_codeExpiry_loginTimeoutWithoutSleeping() {
    provider
        .byDefault("/device", json(200, DEVICE.replace("\"expires_in\":600", "\"expires_in\":30")))
        .byDefault("/token", error(400, "authorization_pending"));

    assertThatThrownBy(() -> builder(List.of()).build().login())
        .isInstanceOf(LoginTimeoutException.class)
        .hasMessage("the device code expired before the sign-in was approved; run the login again");
    assertThat(provider.forms("/token")).hasSize(5);
  }

  @Test
  void timeoutShorterThanCode_endsAtTimeout() {
    provider.byDefault("/token", error(400, "authorization_pending"));
    assertThatThrownBy(() -> builder(List.of()).timeout(Duration.ofSeconds(12)).build().login())
        .isInstanceOf(LoginTimeoutException.class)
        .hasMessageContaining("not approved in time");
    assertThat(provider.forms("/token")).hasSize(2);
  }

  @Test
  void otherError_providerError() {
    tokenAnswers(json(401, "{\"error\":\"invalid_client\"}"));
    assertThatThrownBy(() -> builder(List.of()).build().login())
        .isInstanceOf(ProviderErrorException.class)
        .hasMessageContaining("invalid_client");
  }

  @Test
  void expectedEmailWithoutIdToken_mismatch() {
    assertThatThrownBy(() -> builder(List.of()).loginHint("ada@example.org").build().login())
        .isInstanceOf(IdentityMismatchException.class);
  }

  @Test
  void idToken_verifiedWithoutNonce() throws IOException {
    provider.byDefault("/token", json(200, FakeIdentities.tokensWithIdToken()));
    FakeIdentities ids = new FakeIdentities("ada@example.org");
    LoginResult r =
        builder(List.of()).expectedEmail("ada@example.org").identityCheck(ids).build().login();
    assertThat(r.identity()).isPresent();
    assertThat(ids.nonces).containsExactly("null");
  }

  @Test
  void cancel_duringRealWait_endsPromptly() throws Exception {
    provider.byDefault("/token", error(400, "authorization_pending"));
    DeviceLogin login =
        DeviceLogin.builder()
            .provider(provider.metadata().build())
            .client(ClientAuthentication.none("lab-cli"))
            .transport(ScriptedProvider.transport())
            .prompt(code -> {})
            .build();
    CompletableFuture<Throwable> running = new CompletableFuture<>();
    Thread waiter =
        new Thread(
            () -> {
              try {
                login.login();
                running.complete(null);
              } catch (Throwable t) {
                running.complete(t);
              }
            },
            "device sign-in");
    waiter.start();
    Blocked.await(waiter);
    login.cancel();
    assertThat(running.get(3, TimeUnit.SECONDS))
        .isInstanceOf(LoginTimeoutException.class)
        .hasMessage("the device sign-in was cancelled");
  }

  @Test
  void interrupt_duringRealWait_interruptedIo() throws Exception {
    DeviceLogin login =
        DeviceLogin.builder()
            .provider(provider.metadata().build())
            .client(ClientAuthentication.none("lab-cli"))
            .transport(ScriptedProvider.transport())
            .prompt(code -> {})
            .build();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                login.login();
              } catch (Throwable e) {
                thrown.set(e);
              }
            });
    t.start();
    Blocked.await(t);
    t.interrupt();
    t.join(3000);
    assertThat(thrown.get()).isInstanceOf(InterruptedIOException.class);
  }

  @Test
  void devicePrompt_printing_showsCodeAndLinks() {
    List<String> lines = new CopyOnWriteArrayList<>();
    DeviceCode code =
        new DeviceCode(
            "WDJB-MJHT",
            URI.create("https://id.example.org/device"),
            URI.create("https://id.example.org/device?user_code=WDJB-MJHT"),
            clock.instant(),
            Duration.ofSeconds(5));
    DevicePrompt.printingTo(lines::add).show(code);
    assertThat(String.join("\n", lines))
        .contains("https://id.example.org/device", "WDJB-MJHT", "user_code=WDJB-MJHT");
  }

  @Test
  void deviceAuthorizationMalformed_clearMessage() {
    provider.byDefault("/device", json(200, "{\"user_code\":\"X\"}"));
    assertThatThrownBy(() -> builder(List.of()).build().login())
        .hasMessage(
            "the device authorization endpoint answered with an invalid device authorization: no"
                + " device_code");
  }
}
