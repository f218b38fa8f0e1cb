package dev.lanyard.login;

import static dev.lanyard.login.ScriptedProvider.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.AuthorizationDeniedException;
import dev.lanyard.IdentityMismatchException;
import dev.lanyard.InvalidTokenException;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.internal.oauth.Pkce;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.testing.FakeClock;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Web login: the application owns the callback; Lanyard owns state, PKCE, nonce and their checks.
 */
class WebLoginTest {
  private static final URI CALLBACK = URI.create("https://portal.example.org/callback");

  private final FakeClock clock = new FakeClock();
  private ScriptedProvider provider;

  @BeforeEach
  void setUp() throws IOException {
    provider = new ScriptedProvider();
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  private WebLogin.Builder builder() {
    return WebLogin.builder()
        .provider(provider.metadata().build())
        .client(ClientAuthentication.secretBasic("lab-portal", "s3cret-UNIQUE"))
        .transport(ScriptedProvider.transport())
        .clock(clock);
  }

  @Test
  void complete_rightState_codeRedeemedWithVerifierAndRedirectUri() throws IOException {
    WebLogin web = builder().build();
    Map<String, String> q = query(web.authorizationUrl(CALLBACK));

    LoginResult r = web.complete(Map.of("code", "c-1", "state", q.get("state")));

    assertThat(r.tokens().accessToken()).isEqualTo(ScriptedProvider.ACCESS);
    Map<String, String> form = provider.forms("/token").get(0);
    assertThat(form)
        .containsEntry("grant_type", "authorization_code")
        .containsEntry("code", "c-1")
        .containsEntry("redirect_uri", CALLBACK.toString())
        .doesNotContainKey("client_secret");
    assertThat(Pkce.challengeOf(form.get("code_verifier"))).isEqualTo(q.get("code_challenge"));
  }

  @Test
  void complete_unknownState_refused() throws IOException {
    WebLogin web = builder().build();
    web.authorizationUrl(CALLBACK);
    assertThatThrownBy(() -> web.complete(Map.of("code", "c-1", "state", "forged")))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessage("unknown or already used sign-in state; refused (start the sign-in again)");
    assertThat(provider.forms("/token")).isEmpty();
  }

  @Test
  void complete_reusedState_refused() throws IOException {
    WebLogin web = builder().build();
    String state = query(web.authorizationUrl(CALLBACK)).get("state");
    web.complete(Map.of("code", "c-1", "state", state));

    assertThatThrownBy(() -> web.complete(Map.of("code", "c-1", "state", state)))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("already used");
    assertThat(provider.forms("/token")).hasSize(1);
  }

  @Test
  void complete_expiredState_refusedAndConsumed() throws IOException {
    WebLogin web = builder().build();
    String state = query(web.authorizationUrl(CALLBACK)).get("state");
    clock.advance(Duration.ofMinutes(10));

    assertThatThrownBy(() -> web.complete(Map.of("code", "c-1", "state", state)))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessage(
            "the sign-in expired at "
                + Instant.parse("2025-01-01T10:10:00Z")
                + "; refused (start the sign-in again)");
    assertThatThrownBy(() -> web.complete(Map.of("code", "c-1", "state", state)))
        .hasMessageContaining("already used");
  }

  @Test
  void complete_withinCustomLifetime_accepted() throws IOException {
    WebLogin web =
        builder()
            .pendingLoginStore(PendingLoginStore.inMemory(10_000, Duration.ofMinutes(30)))
            .build();
    String state = query(web.authorizationUrl(CALLBACK)).get("state");
    clock.advance(Duration.ofMinutes(29));
    assertThat(web.complete(Map.of("code", "c-1", "state", state)).tokens()).isNotNull();
  }

  @Test
  void complete_missingState_refused() {
    WebLogin web = builder().build();
    assertThatThrownBy(() -> web.complete(Map.of("code", "c-1")))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessage("the callback has no state parameter; refused");
  }

  @Test
  void complete_errorCallback_deniedAndStateUsedUp() throws IOException {
    WebLogin web = builder().build();
    String state = query(web.authorizationUrl(CALLBACK)).get("state");
    assertThatThrownBy(
            () ->
                web.complete(
                    Map.of(
                        "error",
                        "access_denied",
                        "error_description",
                        "User said no\r\nX",
                        "state",
                        state)))
        .isInstanceOf(AuthorizationDeniedException.class)
        .hasMessage("the provider refused the sign-in: access_denied (User said no X)");
    assertThatThrownBy(() -> web.complete(Map.of("code", "c-1", "state", state)))
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void complete_issMismatch_refused() throws IOException {
    WebLogin web = builder().build();
    String state = query(web.authorizationUrl(CALLBACK)).get("state");
    assertThatThrownBy(
            () ->
                web.complete(
                    Map.of("code", "c-1", "state", state, "iss", "https://evil.example.org")))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("RFC 9207");
    assertThat(provider.forms("/token")).isEmpty();
  }

  @Test
  void complete_issAnnouncedButMissing_refused() throws IOException {
    ProviderMetadata announced =
        ProviderMetadata.parse(
            "{\"issuer\":\""
                + ScriptedProvider.ISSUER
                + "\",\"token_endpoint\":\""
                + provider.uri("/token")
                + "\",\"authorization_endpoint\":\""
                + ScriptedProvider.AUTHORIZE
                + "\",\"authorization_response_iss_parameter_supported\":true}");
    WebLogin web =
        WebLogin.builder()
            .provider(announced)
            .client(ClientAuthentication.none("c"))
            .transport(ScriptedProvider.transport())
            .build();
    String state = query(web.authorizationUrl(CALLBACK)).get("state");
    assertThatThrownBy(() -> web.complete(Map.of("code", "c-1", "state", state)))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("no iss parameter");

    String again = query(web.authorizationUrl(CALLBACK)).get("state");
    assertThat(
            web.complete(
                    Map.of(
                        "code", "c-1", "state", again, "iss", ScriptedProvider.ISSUER.toString()))
                .tokens())
        .isNotNull();
  }

  @Test
  void complete_idToken_nonceOfThisLoginAndExpectedEmailChecked() throws IOException {
    provider.byDefault("/token", ScriptedProvider.json(200, FakeIdentities.tokensWithIdToken()));
    FakeIdentities mallory = new FakeIdentities("mallory@example.org");
    WebLogin web = builder().identityCheck(mallory).build();
    Map<String, String> q =
        query(
            web.authorizationUrl(CALLBACK, WebLogin.Options.NONE.withLoginHint("ada@example.org")));

    assertThatThrownBy(() -> web.complete(Map.of("code", "c-1", "state", q.get("state"))))
        .isInstanceOf(IdentityMismatchException.class);
    assertThat(mallory.nonces).containsExactly(q.get("nonce"));

    String state =
        query(web.authorizationUrl(CALLBACK)).get("state"); // no hint: anyone may sign in
    assertThat(web.complete(Map.of("code", "c-2", "state", state)).identity()).isPresent();
  }

  @Test
  void authorizationUrl_insecureCallback_refused() {
    WebLogin web = builder().build();
    assertThatThrownBy(() -> web.authorizationUrl(URI.create("http://portal.example.org/callback")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the callback URL must use https");
    assertThatThrownBy(() -> web.authorizationUrl(URI.create("/callback")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void memoryStore_bounded_oldestDropped() {
    MemoryPendingLoginStore store = new MemoryPendingLoginStore(2, Duration.ofMinutes(10));
    Instant at = Instant.parse("2025-01-01T10:10:00Z");
    PendingLogin a = PendingLogin.of("a", "verifier-a", "nonce-a", CALLBACK, at);
    store.put(a);
    store.put(PendingLogin.of("b", "verifier-b", "nonce-b", CALLBACK, at));
    store.put(PendingLogin.of("c", "verifier-c", "nonce-c", CALLBACK, at));
    assertThat(store.size()).isEqualTo(2);
    assertThat(store.take("a")).isEmpty();
    assertThat(store.take("c")).isPresent();
    assertThat(store.take("c")).isEmpty();
    assertThat(a.toString()).doesNotContain("verifier-a", "nonce-a");
    assertThatThrownBy(() -> PendingLoginStore.inMemory(0))
        .hasMessage("maxEntries must be at least 1, was 0");
  }
}
