package dev.lanyard.login;

import static dev.lanyard.login.ScriptedProvider.error;
import static dev.lanyard.login.ScriptedProvider.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.IdentityMismatchException;
import dev.lanyard.LoginRequiredException;
import dev.lanyard.LoginTimeoutException;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.store.TokenStore;
import dev.lanyard.testing.FakeClock;
import dev.lanyard.verify.Identity;
import dev.lanyard.verify.TestIdentities;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person's session against a scripted provider: the person is a launcher that answers the
 * loopback callback (or a device prompt), time is a fake clock, so nothing waits for real expiry.
 */
@Timeout(30)
class InteractiveSessionTest {
  private static final String ADA = "ada@example.org";

  private final FakeClock clock = new FakeClock();
  private final TokenStore store = TokenStore.memory();
  private final List<URI> opened = new CopyOnWriteArrayList<>();
  private final List<String> printed = new CopyOnWriteArrayList<>();

  /** Who the provider says signed in: subject and e-mail of the next ID token verified. */
  private final AtomicReference<String[]> person =
      new AtomicReference<>(new String[] {"sub-1", ADA});

  private ScriptedProvider provider;
  private InteractiveSession lab;

  @BeforeEach
  void setUp() throws IOException {
    provider = new ScriptedProvider();
  }

  @AfterEach
  void tearDown() {
    if (lab != null) {
      lab.cancel();
    }
    provider.close();
  }

  private static String tokens(String access, boolean idToken) {
    return "{\"access_token\":\""
        + access
        + "\",\"token_type\":\"Bearer\",\"expires_in\":300,\"refresh_token\":\"rt-"
        + access
        + "\""
        + (idToken ? ",\"id_token\":\"" + FakeIdentities.ID_TOKEN + "\"" : "")
        + "}";
  }

  /** "Verifies" any ID token as {@link #person}, by the e-mail rule of the real verifier. */
  private IdentityCheck identities() {
    FakeIdentities rule = new FakeIdentities(ADA);
    return new IdentityCheck() {
      @Override
      public Identity verify(String idToken, String nonce) {
        String[] who = person.get();
        Instant now = clock.instant();
        return TestIdentities.of(
            ScriptedProvider.ISSUER.toString(),
            who[0],
            List.of("lab-cli"),
            who[1],
            true,
            null,
            null,
            now,
            now.plusSeconds(300),
            Map.of("sub", who[0]));
      }

      @Override
      public void requireEmail(Identity identity, String expectedEmail)
          throws IdentityMismatchException {
        rule.requireEmail(identity, expectedEmail);
      }
    };
  }

  /** A person who signs in at once whenever a browser is opened for them. */
  private BrowserLauncher signsIn() {
    return url -> {
      opened.add(url);
      CompletableFuture.runAsync(() -> callback(url));
    };
  }

  private static HttpResponse<String> callback(URI url) {
    try {
      return Browser.get(Browser.redirect(url, "code=c-1&state=" + Browser.state(url)));
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private InteractiveSession.Builder builder(BrowserLauncher launcher) {
    return InteractiveSession.builder()
        .provider(provider.metadata().build())
        .client(ClientAuthentication.none("lab-cli"))
        .transport(ScriptedProvider.transport())
        .clock(clock)
        .store(store)
        .identityCheck(identities())
        .loopback(
            LoopbackOptions.defaults()
                .withLauncher(launcher)
                .withPrinter(printed::add)
                .withTimeout(Duration.ofSeconds(20)));
  }

  private List<String> grantTypes() {
    return provider.forms("/token").stream()
        .map(f -> f.get("grant_type"))
        .collect(Collectors.toList());
  }

  /** Signs in once, then lets the tokens expire and the provider refuse the refresh token. */
  private void signedInThenRefreshRefused(String nextAccess) throws IOException {
    provider.byDefault("/token", json(200, tokens("at-first", true)));
    assertThat(lab.accessToken()).isEqualTo("at-first");
    clock.advance(Duration.ofMinutes(10));
    provider.then("/token", error(400, "invalid_grant"));
    provider.byDefault("/token", json(200, tokens(nextAccess, true)));
  }

  @Test
  void token_nothingStored_personSignsInOnce_tokensStored() throws IOException {
    lab = builder(signsIn()).build();

    TokenSet t = lab.token();

    assertThat(t.accessToken()).isEqualTo(ScriptedProvider.ACCESS);
    assertThat(store.load())
        .hasValueSatisfying(s -> assertThat(s.accessToken()).isEqualTo(t.accessToken()));
    assertThat(opened).hasSize(1);
    assertThat(grantTypes()).containsExactly("authorization_code");
    assertThat(lab.session().hasCredentials()).isTrue();
    assertThat(lab.token()).isSameAs(t); // fresh: no second sign-in, no request
    assertThat(grantTypes()).hasSize(1);
  }

  @Test
  void start_returnsUrlBeforeAnyCallback_sessionCompletesWhenCallbackArrives() throws Exception {
    provider.byDefault("/token", json(200, tokens("at-first", true)));
    lab = builder(BrowserLauncher.NONE).build();

    URI url = lab.start();

    assertThat(ScriptedProvider.query(url))
        .containsKeys("state", "nonce", "code_challenge", "redirect_uri");
    assertThat(provider.forms("/token")).isEmpty(); // nobody has come back yet
    assertThat(lab.start()).as("the sign-in in progress, not a second").isEqualTo(url);
    assertThat(printed).anyMatch(line -> line.contains(url.toString()));

    assertThat(callback(url).statusCode()).isEqualTo(200);

    assertThat(lab.accessToken()).isEqualTo("at-first");
    assertThat(lab.identity()).hasValueSatisfying(i -> assertThat(i.subject()).isEqualTo("sub-1"));
    assertThat(grantTypes()).containsExactly("authorization_code");
  }

  @Test
  void tokenWhileStartedSignInWaits_waitsForThatOne_noSecondSignIn() throws Exception {
    lab = builder(BrowserLauncher.NONE).build();
    URI url = lab.start();
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> tokens = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        tokens.add(callers.submit(lab::accessToken));
      }
      callback(url);
      for (Future<String> f : tokens) {
        assertThat(f.get(20, TimeUnit.SECONDS)).isEqualTo(ScriptedProvider.ACCESS);
      }
    } finally {
      callers.shutdownNow();
    }
    assertThat(grantTypes()).containsExactly("authorization_code");
  }

  @Test
  void refreshRefused_manyCallers_policyAskedOnce_oneSignIn_allGetNewTokens() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    List<String> reasons = new CopyOnWriteArrayList<>();
    lab =
        builder(signsIn())
            .signInPolicy(
                reason -> {
                  asked.incrementAndGet();
                  reasons.add(reason.getMessage());
                  return true;
                })
            .build();
    signedInThenRefreshRefused("at-again");
    int n = 16;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService callers = Executors.newFixedThreadPool(n);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        results.add(
            callers.submit(
                () -> {
                  go.await();
                  return lab.accessToken();
                }));
      }
      go.countDown();
      for (Future<String> f : results) {
        assertThat(f.get(20, TimeUnit.SECONDS)).isEqualTo("at-again");
      }
    } finally {
      callers.shutdownNow();
    }
    assertThat(asked).hasValue(2); // the first sign-in (nothing stored), then the one re-login
    assertThat(reasons.get(1)).contains("refused the refresh token").contains("invalid_grant");
    assertThat(opened).hasSize(2);
    assertThat(grantTypes())
        .containsExactly("authorization_code", "refresh_token", "authorization_code");
    assertThat(store.load())
        .hasValueSatisfying(t -> assertThat(t.accessToken()).isEqualTo("at-again"));
  }

  @Test
  void policyNever_callersGetLoginRequired_storedTokensKept_startSignsIn() throws Exception {
    lab = builder(BrowserLauncher.NONE).signInPolicy(InteractiveSession.SignInPolicy.NEVER).build();
    assertThat(lab.session().hasCredentials()).as("a person can sign in").isTrue();

    assertThatThrownBy(lab::token)
        .isInstanceOf(LoginRequiredException.class)
        .hasMessageContaining("call start() to sign in");
    assertThat(provider.forms("/token")).isEmpty();

    provider.byDefault("/token", json(200, tokens("at-first", true)));
    callback(lab.start());
    assertThat(lab.accessToken()).isEqualTo("at-first");

    clock.advance(Duration.ofMinutes(10));
    provider.then("/token", error(400, "invalid_grant"));
    assertThatThrownBy(lab::token)
        .isInstanceOf(LoginRequiredException.class)
        .hasMessageContaining("refused the refresh token")
        .hasMessageContaining("call start() to sign in");
    assertThat(store.load())
        .hasValueSatisfying(t -> assertThat(t.accessToken()).isEqualTo("at-first"));
    assertThat(grantTypes()).containsExactly("authorization_code", "refresh_token");
  }

  @Test
  void reLogin_someoneElseSignsIn_identityMismatch_storedTokensIntact() throws Exception {
    lab = builder(signsIn()).build();
    signedInThenRefreshRefused("at-mallory");
    person.set(new String[] {"sub-2", "mallory@example.org"});

    // Asked again for the verified e-mail of whoever signed in first, and held to it.
    assertThatThrownBy(lab::token)
        .isInstanceOf(IdentityMismatchException.class)
        .hasMessageContaining(ADA)
        .hasMessageContaining("mallory@example.org")
        .hasMessageNotContaining("at-mallory");

    assertThat(store.load())
        .hasValueSatisfying(t -> assertThat(t.accessToken()).isEqualTo("at-first"));
    assertThat(lab.identity()).hasValueSatisfying(i -> assertThat(i.subject()).isEqualTo("sub-1"));
    assertThat(ScriptedProvider.query(opened.get(1))).containsEntry("login_hint", ADA);

    person.set(new String[] {"sub-1", ADA}); // the right person, asked again
    provider.then("/token", error(400, "invalid_grant"));
    provider.byDefault("/token", json(200, tokens("at-ada", true)));
    assertThat(lab.accessToken()).isEqualTo("at-ada");
    assertThat(opened).hasSize(3);
  }

  @Test
  void expectedEmail_enforcedAtFirstSignIn_nothingStored() throws IOException {
    person.set(new String[] {"sub-2", "mallory@example.org"});
    provider.byDefault("/token", json(200, tokens("at-mallory", true)));
    lab = builder(signsIn()).expectedEmail(ADA).build();

    assertThatThrownBy(lab::token)
        .isInstanceOf(IdentityMismatchException.class)
        .hasMessageContaining(ADA);
    assertThat(store.load()).isEmpty();
  }

  @Test
  void expectedSubject_otherSubject_mismatch() {
    provider.byDefault("/token", json(200, tokens("at-first", true)));
    lab = builder(signsIn()).expectedSubject("sub-9").build();

    assertThatThrownBy(lab::token)
        .isInstanceOf(IdentityMismatchException.class)
        .hasMessageContaining("expected subject sub-9 but ada@example.org (subject sub-1)");
  }

  @Test
  void noDisplay_deviceCodeInstead_startGivesVerificationUrl(@TempDir Path home) throws Exception {
    provider.byDefault(
        "/device",
        json(
            200,
            "{\"device_code\":\"dc-1\",\"user_code\":\"WDJB-MJHT\","
                + "\"verification_uri\":\"https://id.example.org/device\","
                + "\"verification_uri_complete\":\"https://id.example.org/device?user_code=WDJB\","
                + "\"expires_in\":600,\"interval\":5}"));
    provider.then("/token", error(400, "authorization_pending"));
    AtomicReference<DeviceCode> shown = new AtomicReference<>();
    CountDownLatch approved = new CountDownLatch(1);
    lab =
        InteractiveSession.builder()
            .provider(provider.metadata().build())
            .client(ClientAuthentication.none("lab-cli"))
            .transport(ScriptedProvider.transport())
            .clock(clock)
            .store(store)
            .devicePrompt(shown::set)
            .environment(Map.of("SSH_CONNECTION", "10.0.0.1 22"), "Linux", home)
            .sleeper(
                d -> {
                  approved.await(10, TimeUnit.SECONDS); // the person approves while we wait
                  clock.advance(d);
                })
            .build();
    assertThat(lab.toString()).contains("device code");

    URI url = lab.start();

    assertThat(url).isEqualTo(URI.create("https://id.example.org/device?user_code=WDJB"));
    assertThat(shown.get().userCode()).isEqualTo("WDJB-MJHT");
    approved.countDown();
    assertThat(lab.accessToken()).isEqualTo(ScriptedProvider.ACCESS);
    assertThat(grantTypes())
        .containsExactly(
            "urn:ietf:params:oauth:grant-type:device_code",
            "urn:ietf:params:oauth:grant-type:device_code");
  }

  /**
   * Without a transport of its own, the session reaches the provider through the proxy the
   * environment names (a login node behind {@code http_proxy}), as the command line does.
   */
  @Test
  void noTransportSet_proxyFromTheEnvironment(@TempDir Path home) throws Exception {
    try (MockWebServer proxy = new MockWebServer()) {
      proxy.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return new MockResponse.Builder().code(403).body("scripted proxy").build();
            }
          });
      proxy.start();
      lab =
          InteractiveSession.builder()
              .provider(provider.metadata().build())
              .client(ClientAuthentication.none("lab-cli"))
              .clock(clock)
              .store(store)
              .deviceCode(true)
              .environment(
                  Map.of("http_proxy", "http://127.0.0.1:" + proxy.getPort()), "Linux", home)
              .build();

      assertThatThrownBy(lab::token).isInstanceOf(IOException.class);

      RecordedRequest viaProxy = proxy.takeRequest(5, TimeUnit.SECONDS);
      assertThat(viaProxy).as("the device authorization went through the proxy").isNotNull();
      assertThat(viaProxy.getRequestLine()).startsWith("POST http://").contains("/device");
      assertThat(provider.forms("/device")).as("nothing reached the provider directly").isEmpty();
    }
  }

  @Test
  void noTransportSet_caBundleNamedButMissing_oneLineAtBuild(@TempDir Path home) {
    assertThatThrownBy(
            () ->
                InteractiveSession.builder()
                    .provider(provider.metadata().build())
                    .client(ClientAuthentication.none("lab-cli"))
                    .store(store)
                    .environment(
                        Map.of("LANYARD_CA_FILE", home.resolve("missing.pem").toString()),
                        "Linux",
                        home)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("LANYARD_CA_FILE")
        .hasMessageContaining("missing.pem");
  }

  @Test
  void display_orOwnLauncher_browser_deviceCodeOnlyWhenForced(@TempDir Path home) {
    InteractiveSession.Builder display =
        builder(BrowserLauncher.NONE)
            .loopback(LoopbackOptions.defaults())
            .environment(Map.of("DISPLAY", ":0"), "Linux", home);
    assertThat(display.build().toString()).contains("browser");
    InteractiveSession.Builder ownLauncher =
        builder(BrowserLauncher.NONE).environment(Map.of(), "Linux", home);
    assertThat(ownLauncher.build().toString()).contains("browser");
    InteractiveSession.Builder forced =
        builder(BrowserLauncher.NONE).environment(Map.of("DISPLAY", ":0"), "Linux", home);
    assertThat(forced.deviceCode(true).build().toString()).contains("device code");
    assertThatThrownBy(() -> builder(BrowserLauncher.NONE).deviceCode(true).deviceCode(false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("deviceCode was already set to true");
  }

  @Test
  void defaultStore_fileInLanyardHomeTokens_perExpectedPerson(@TempDir Path home) {
    InteractiveSession a =
        InteractiveSession.builder(ScriptedProvider.ISSUER, "lab-cli")
            .environment(Map.of("LANYARD_HOME", home.toString()), "Linux", home)
            .expectedEmail(ADA)
            .build();
    InteractiveSession b =
        InteractiveSession.builder(ScriptedProvider.ISSUER, "lab-cli")
            .environment(Map.of("LANYARD_HOME", home.toString()), "Linux", home)
            .build();
    assertThat(a.session().toString()).contains(home.resolve("tokens").toString());
    assertThat(a.session().toString()).isNotEqualTo(b.session().toString());

    InteractiveSession.Builder relative =
        InteractiveSession.builder(ScriptedProvider.ISSUER, "lab-cli")
            .environment(Map.of("LANYARD_HOME", "lanyard"), "Linux", home);
    assertThatThrownBy(relative::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("LANYARD_HOME must be an absolute path");
  }

  @Test
  void defaultStore_xdgStateHome(@TempDir Path home) {
    InteractiveSession s =
        InteractiveSession.builder(ScriptedProvider.ISSUER, "lab-cli")
            .environment(Map.of(), "Linux", home)
            .build();
    assertThat(s.session().toString())
        .contains(home.resolve(".local/state/lanyard/tokens").toString());
  }

  @Test
  void cancel_waitingCallerGetsCancelled_nothingStored_portFreed() throws Exception {
    lab = builder(BrowserLauncher.NONE).build();
    URI url = lab.start();
    CompletableFuture<Throwable> failed = new CompletableFuture<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                lab.token();
                failed.complete(null);
              } catch (Throwable t) {
                failed.complete(t);
              }
            });
    caller.start();
    // No clock to advance here: the condition is another thread parking on the sign-in.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (caller.getState() != Thread.State.TIMED_WAITING) {
      assertThat(System.nanoTime()).as("the caller waits for the sign-in").isLessThan(deadline);
      Thread.sleep(5);
    }

    lab.cancel();

    assertThat(failed.get(20, TimeUnit.SECONDS))
        .isInstanceOf(LoginTimeoutException.class)
        .hasMessage("the sign-in was cancelled");
    assertThat(store.load()).isEmpty();
    Browser.awaitPortClosed(Browser.port(url));
  }

  @Test
  void clear_duringSignIn_itsTokensAreNotStored() throws Exception {
    lab = builder(BrowserLauncher.NONE).build();
    URI url = lab.start();

    lab.session().clear();
    HttpResponse<String> late = null;
    try {
      late = callback(url);
    } catch (IllegalStateException closed) {
      // the callback server is gone: just as good
    }

    assertThat(late == null || late.statusCode() != 200).isTrue();
    assertThat(store.load()).isEmpty();
  }
}
