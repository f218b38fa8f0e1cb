package dev.lanyard.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.IdentityMismatchException;
import dev.lanyard.LoginTimeoutException;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.internal.oauth.Pkce;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A browser sign-in from start to tokens, and every way it ends early. */
@Timeout(30)
class BrowserLoginFlowTest {
  private final List<String> printed = Collections.synchronizedList(new ArrayList<>());
  private ScriptedProvider provider;
  private BrowserLogin login;

  @BeforeEach
  void setUp() throws IOException {
    provider = new ScriptedProvider();
  }

  @AfterEach
  void tearDown() {
    if (login != null) {
      login.cancel();
    }
    provider.close();
  }

  private BrowserLogin.Builder builder() {
    return BrowserLogin.builder()
        .provider(provider.metadata().build())
        .client(ClientAuthentication.none("lab-cli"))
        .transport(ScriptedProvider.transport())
        .loopback(options());
  }

  private LoopbackOptions options() {
    return LoopbackOptions.defaults().withLauncher(BrowserLauncher.NONE).withPrinter(printed::add);
  }

  /** A launcher that behaves like a person who signs in at once. */
  private static BrowserLauncher signsIn(AtomicReference<URI> opened) {
    return url -> {
      opened.set(url);
      CompletableFuture.runAsync(
          () -> {
            try {
              Browser.get(Browser.redirect(url, "code=c-1&state=" + Browser.state(url)));
            } catch (IOException | InterruptedException e) {
              throw new IllegalStateException(e);
            }
          });
    };
  }

  @Test
  void login_browserSignsIn_tokensAndCodeExchangedWithVerifier() throws IOException {
    AtomicReference<URI> opened = new AtomicReference<>();
    login = builder().loopback(options().withLauncher(signsIn(opened))).build();

    LoginResult result = login.login();

    assertThat(result.tokens().accessToken()).isEqualTo(ScriptedProvider.ACCESS);
    assertThat(result.identity()).isEmpty();
    Map<String, String> q = ScriptedProvider.query(opened.get());
    Map<String, String> form = provider.forms("/token").get(0);
    assertThat(form)
        .containsEntry("grant_type", "authorization_code")
        .containsEntry("code", "c-1")
        .containsEntry("redirect_uri", q.get("redirect_uri"))
        .containsEntry("client_id", "lab-cli");
    assertThat(Pkce.challengeOf(form.get("code_verifier"))).isEqualTo(q.get("code_challenge"));
    assertThat(printed).anyMatch(line -> line.contains(opened.get().toString()));
    assertThat(result.toString()).doesNotContain(ScriptedProvider.ACCESS, ScriptedProvider.REFRESH);
    Browser.assertPortClosed(Browser.port(opened.get()));
  }

  @Test
  void login_idToken_verifiedWithNonce_identityReturned() throws IOException {
    provider.byDefault("/token", ScriptedProvider.json(200, FakeIdentities.tokensWithIdToken()));
    FakeIdentities ids = new FakeIdentities("ada@example.org");
    AtomicReference<URI> opened = new AtomicReference<>();
    login =
        builder()
            .loopback(options().withLauncher(signsIn(opened)))
            .loginHint("ada@example.org")
            .identityCheck(ids)
            .build();

    LoginResult result = login.login();

    assertThat(result.identity())
        .hasValueSatisfying(i -> assertThat(i.email()).contains("ada@example.org"));
    assertThat(ids.nonces).containsExactly(ScriptedProvider.query(opened.get()).get("nonce"));
  }

  @Test
  void login_someoneElseSignedIn_identityMismatchAndNoTokens() {
    provider.byDefault("/token", ScriptedProvider.json(200, FakeIdentities.tokensWithIdToken()));
    login =
        builder()
            .loopback(options().withLauncher(signsIn(new AtomicReference<>())))
            .loginHint("ada@example.org")
            .identityCheck(new FakeIdentities("mallory@example.org"))
            .build();

    assertThatThrownBy(login::login)
        .isInstanceOf(IdentityMismatchException.class)
        .hasMessageContaining("ada@example.org")
        .hasMessageNotContaining(ScriptedProvider.ACCESS);
  }

  @Test
  void login_expectedEmailButNoIdToken_mismatch() {
    login =
        builder()
            .loopback(options().withLauncher(signsIn(new AtomicReference<>())))
            .expectedEmail("ada@example.org")
            .build();
    assertThatThrownBy(login::login)
        .isInstanceOf(IdentityMismatchException.class)
        .hasMessage("cannot confirm that ada@example.org signed in: the provider sent no ID token");
  }

  @Test
  void login_hintNotAnEmail_noIdentityExpected() throws IOException {
    login =
        builder()
            .loopback(options().withLauncher(signsIn(new AtomicReference<>())))
            .loginHint("ada")
            .build();
    assertThat(login.login().tokens().accessToken()).isEqualTo(ScriptedProvider.ACCESS);
  }

  @Test
  void login_tokenEndpointRefuses_providerErrorAndFailurePage() throws Exception {
    provider.byDefault(
        "/token",
        ScriptedProvider.json(
            400, "{\"error\":\"invalid_grant\",\"error_description\":\"Code not valid\"}"));
    login = builder().build();
    URI url = login.start();

    HttpResponse<String> page =
        Browser.get(Browser.redirect(url, "code=c-1&state=" + Browser.state(url)));

    assertThat(page.statusCode()).isEqualTo(500);
    assertThat(page.body()).contains("invalid_grant");
    assertThatThrownBy(login::await)
        .isInstanceOf(ProviderErrorException.class)
        .satisfies(e -> assertThat(((ProviderErrorException) e).isInvalidGrant()).isTrue());
  }

  @Test
  void start_withLoginHint_sentAsLoginHint() throws IOException {
    login = builder().build();
    assertThat(ScriptedProvider.query(login.start("bob@example.org")))
        .containsEntry("login_hint", "bob@example.org");
  }

  @Test
  void await_beforeStart_illegalState() {
    login = builder().build();
    assertThatThrownBy(login::await)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("call start() before await()");
  }

  @Test
  void start_whileWaiting_illegalState() throws IOException {
    login = builder().build();
    login.start();
    assertThatThrownBy(login::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a sign-in is already waiting; call await() or cancel() first");
  }

  @Test
  void cancel_awaitEndsWithCancellation_portFreed() throws Exception {
    login = builder().build();
    URI url = login.start();
    CompletableFuture<Throwable> awaited = new CompletableFuture<>();
    Thread waiter =
        new Thread(
            () -> {
              try {
                login.await();
                awaited.complete(null);
              } catch (Throwable t) {
                awaited.complete(t);
              }
            },
            "awaiting sign-in");
    waiter.start();
    Blocked.await(waiter);
    login.cancel();

    assertThat(awaited.get(5, TimeUnit.SECONDS))
        .isInstanceOf(LoginTimeoutException.class)
        .hasMessage("the sign-in was cancelled");
    Browser.assertPortClosed(Browser.port(url));
    assertThat(login.start()).isNotNull(); // a new sign-in may begin
  }

  @Test
  void interrupt_whileAwaiting_cancelsAndFreesPort() throws Exception {
    login = builder().build();
    URI url = login.start();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    Thread waiter =
        new Thread(
            () -> {
              try {
                login.await();
              } catch (Throwable t) {
                thrown.set(t);
                flag.set(Thread.currentThread().isInterrupted());
              }
            });
    waiter.start();
    Blocked.await(waiter);
    waiter.interrupt();
    waiter.join(5000);

    assertThat(thrown.get()).isInstanceOf(InterruptedIOException.class);
    assertThat(flag.get()).isTrue();
    Browser.assertPortClosed(Browser.port(url));
  }

  @Test
  void launcherFails_urlPrintedWithDeviceHint() throws IOException {
    login =
        builder()
            .loopback(
                options()
                    .withLauncher(
                        url -> {
                          throw new IOException("no display on this machine");
                        }))
            .build();
    URI url = login.start();
    assertThat(printed).contains("  " + url);
    assertThat(printed).anyMatch(l -> l.contains("no display on this machine"));
    assertThat(printed).anyMatch(l -> l.contains("device code"));
  }

  @Test
  void builder_invalidSettings_failFast() {
    assertThatThrownBy(() -> BrowserLogin.builder().loopback(options().withPort(70000)))
        .hasMessage("port must be between 0 and 65535, was 70000");
    assertThatThrownBy(
            () -> BrowserLogin.builder().loopback(options().withCallbackPath("callback")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> BrowserLogin.builder().loopback(options().withTimeout(java.time.Duration.ZERO)))
        .hasMessage("timeout must be positive, was PT0S");
  }
}
