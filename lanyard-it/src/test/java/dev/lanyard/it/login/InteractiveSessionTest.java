package dev.lanyard.it.login;

import static dev.lanyard.it.login.Lab.ALICE_EMAIL;
import static dev.lanyard.it.login.Lab.BOB_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.IdentityMismatchException;
import dev.lanyard.LoginRequiredException;
import dev.lanyard.TokenSet;
import dev.lanyard.it.support.Browser;
import dev.lanyard.it.support.Keycloak;
import dev.lanyard.login.BrowserLauncher;
import dev.lanyard.login.InteractiveSession;
import dev.lanyard.store.FileTokenStore;
import dev.lanyard.store.TokenStore;
import dev.lanyard.testing.FakeClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person's session in one object, against Keycloak with the person in headless Chromium: the
 * README's three lines, the person asked again once the refresh token is revoked (once, however
 * many callers need a token), the device code, and a wrong person refused with the stored tokens
 * kept.
 */
class InteractiveSessionTest extends SignInTestBase {

  /**
   * The README's three lines, one to one. What the test adds to the builder stands in for the
   * machine: a token file in a temporary folder instead of the user's state folder, and the person
   * at a browser instead of the system browser.
   */
  @Test
  void readme_threeLines_signedInThroughChromium_tokenWorksAtUserinfo(@TempDir Path tmp)
      throws Exception {
    URI issuer = Lab.issuer();
    try (Browser chromium = Browser.start()) {
      PersonAtBrowser alice = new PersonAtBrowser(chromium, new AtomicReference<>(Person.alice()));
      var lab =
          InteractiveSession.builder(issuer, "cli")
              .expectedEmail("alice@example.org")
              .store(FileTokenStore.at(tmp.resolve("tokens.json")))
              .loopback(Lab.loopbackOptions().withLauncher(alice))
              .build();
      URI url = lab.start();
      String token = lab.accessToken();

      alice.finished();
      assertThat(Lab.redirectUri(url).getHost()).isEqualTo("127.0.0.1");
      assertThat(Lab.query(url)).containsEntry("login_hint", ALICE_EMAIL);
      assertThat(Lab.userinfo(lab.token()).statusCode()).isEqualTo(200);
      assertThat(Lab.userinfo(lab.token()).body()).contains(ALICE_EMAIL);
      assertThat(lab.token().accessToken()).isEqualTo(token);
      assertThat(lab.identity())
          .hasValueSatisfying(i -> assertThat(i.email()).contains(ALICE_EMAIL));
      assertThat(FileTokenStore.at(tmp.resolve("tokens.json")).load())
          .hasValueSatisfying(t -> assertThat(t.accessToken()).isEqualTo(token));
      assertThat(chromium.text()).contains(Person.LOOPBACK_SIGNED_IN);
    }
  }

  @Test
  void start_returnsUrlAtOnce_sessionCompletesWhenCallbackArrives() throws Exception {
    TokenStore store = TokenStore.memory();
    InteractiveSession lab =
        InteractiveSession.builder(Lab.issuer(), "cli")
            .store(store)
            .loopback(Lab.loopbackOptions().withLauncher(BrowserLauncher.NONE))
            .build();
    try (Browser chromium = Browser.start()) {
      URI url = lab.start(); // nobody has opened it yet: start() did not wait for the person

      assertThat(store.load()).isEmpty();
      assertThat(lab.start()).as("the sign-in in progress, not a second").isEqualTo(url);
      chromium.open(url);
      Person.alice().signsInAtLoopback(chromium);
      assertThat(chromium.text()).contains(Person.LOOPBACK_SIGNED_IN);

      TokenSet tokens = lab.token();
      assertThat(store.load())
          .hasValueSatisfying(t -> assertThat(t.accessToken()).isEqualTo(tokens.accessToken()));
      assertThat(Lab.userinfo(tokens).statusCode()).isEqualTo(200);
    } finally {
      lab.cancel();
    }
  }

  @Test
  void refreshTokenRevoked_askedAgainThroughPolicy_onceForEightCallers(@TempDir Path tmp)
      throws Exception {
    FakeClock clock = FakeClock.startingNow();
    List<String> reasons = new CopyOnWriteArrayList<>();
    try (Browser chromium = Browser.start()) {
      PersonAtBrowser launcher =
          new PersonAtBrowser(chromium, new AtomicReference<>(Person.alice()));
      InteractiveSession lab =
          InteractiveSession.builder(Lab.issuer(), "cli")
              .clock(clock)
              .store(FileTokenStore.at(tmp.resolve("tokens.json")))
              .loopback(Lab.loopbackOptions().withLauncher(launcher))
              .signInPolicy(
                  reason -> {
                    reasons.add(reason.getMessage());
                    return true;
                  })
              .build();
      String first = lab.accessToken();
      assertThat(launcher.opened).hasSize(1);

      Keycloak.get().logoutAllSessions(Keycloak.ALICE); // the refresh token dies with the session
      clock.advance(Duration.ofMinutes(30)); // and the access token has expired here

      List<String> tokens = concurrently(8, lab::accessToken);
      launcher.finished();

      assertThat(launcher.opened).as("one sign-in for eight callers").hasSize(2);
      assertThat(reasons).hasSize(2);
      assertThat(reasons.get(1)).contains("refused the refresh token");
      assertThat(tokens).hasSize(8).allMatch(t -> t.equals(tokens.get(0)));
      assertThat(tokens.get(0)).isNotEqualTo(first);
      assertThat(Lab.userinfo(lab.token()).statusCode()).isEqualTo(200);
      assertThat(Lab.query(launcher.opened.get(1)))
          .as("asked again for who signed in first")
          .containsEntry("login_hint", ALICE_EMAIL);
    }
  }

  @Test
  void refreshTokenRevoked_policyDeclines_callersFailClearly_startSignsInAgain(@TempDir Path tmp)
      throws Exception {
    FakeClock clock = FakeClock.startingNow();
    try (Browser chromium = Browser.start()) {
      InteractiveSession lab =
          InteractiveSession.builder(Lab.issuer(), "cli")
              .clock(clock)
              .store(FileTokenStore.at(tmp.resolve("tokens.json")))
              .loopback(Lab.loopbackOptions().withLauncher(BrowserLauncher.NONE))
              .signInPolicy(InteractiveSession.SignInPolicy.NEVER)
              .build();
      URI url = lab.start();
      chromium.open(url);
      Person.alice().signsInAtLoopback(chromium);
      String first = lab.accessToken();
      Keycloak.get().logoutAllSessions(Keycloak.ALICE);
      clock.advance(Duration.ofMinutes(30));

      assertThatThrownBy(lab::token)
          .isInstanceOf(LoginRequiredException.class)
          .hasMessageContaining("refused the refresh token")
          .hasMessageContaining("call start() to sign in");

      chromium.open(lab.start());
      Person.alice().signsInAtLoopback(chromium);
      assertThat(lab.accessToken()).isNotEqualTo(first);
      assertThat(Lab.userinfo(lab.token()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void deviceCode_personApprovesElsewhere_sessionSignedIn() throws Exception {
    try (Browser chromium = Browser.start()) {
      InteractiveSession lab =
          InteractiveSession.builder(Lab.issuer(), "cli")
              .store(TokenStore.memory())
              .deviceCode(true)
              .deviceTimeout(Lab.LOGIN_TIMEOUT)
              .devicePrompt(Person.alice().approvesDevice(chromium, false))
              .build();

      TokenSet tokens = lab.token();

      assertThat(chromium.text()).contains(Person.DEVICE_APPROVED);
      assertThat(lab.identity())
          .hasValueSatisfying(i -> assertThat(i.email()).contains(ALICE_EMAIL));
      assertThat(Lab.userinfo(tokens).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void reLogin_bobSignsIn_identityMismatch_aliceTokensKept(@TempDir Path tmp) throws Exception {
    FakeClock clock = FakeClock.startingNow();
    FileTokenStore store = FileTokenStore.at(tmp.resolve("tokens.json"));
    AtomicReference<Person> who = new AtomicReference<>(Person.alice());
    try (Browser chromium = Browser.start()) {
      PersonAtBrowser atBrowser = new PersonAtBrowser(chromium, who);
      InteractiveSession lab =
          InteractiveSession.builder(Lab.issuer(), "cli")
              .clock(clock)
              .store(store)
              .loopback(Lab.loopbackOptions().withLauncher(atBrowser))
              .build();
      String alice = lab.accessToken();
      Keycloak.get().logoutAllSessions(Keycloak.ALICE);
      clock.advance(Duration.ofMinutes(30));
      who.set(Person.bob());

      assertThatThrownBy(lab::token)
          .isInstanceOf(IdentityMismatchException.class)
          .hasMessageContaining(BOB_EMAIL)
          .hasMessageContaining(ALICE_EMAIL);
      atBrowser.finished();

      assertThat(store.load())
          .hasValueSatisfying(t -> assertThat(t.accessToken()).isEqualTo(alice));
      assertThat(chromium.text()).contains(Person.LOOPBACK_FAILED).contains(BOB_EMAIL);
      assertThat(lab.identity())
          .hasValueSatisfying(i -> assertThat(i.email()).contains(ALICE_EMAIL));
    }
  }

  /**
   * The person at Chromium, as the launcher: each URL opened is handled on a thread of its own (as
   * a separate person would), so the session's start() returns at once. Records the URLs; {@link
   * #finished()} waits for the person's last step and reports its failure, before the test reads
   * the page (one Selenium driver, one thread at a time).
   */
  private static final class PersonAtBrowser implements BrowserLauncher {
    final List<URI> opened = new CopyOnWriteArrayList<>();
    private final Browser chromium;
    private final AtomicReference<Person> person;
    private volatile CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

    PersonAtBrowser(Browser chromium, AtomicReference<Person> person) {
      this.chromium = chromium;
      this.person = person;
    }

    @Override
    public void open(URI uri) {
      opened.add(uri);
      last =
          CompletableFuture.runAsync(
              () -> {
                chromium.open(uri);
                person.get().signsInAtLoopback(chromium);
              });
    }

    void finished() throws Exception {
      last.get(60, TimeUnit.SECONDS);
    }
  }

  /** {@code n} callers at once; their results. */
  private static List<String> concurrently(int n, Call call) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<String>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return call.get();
                }));
      }
      go.countDown();
      List<String> results = new ArrayList<>();
      for (Future<String> f : futures) {
        results.add(f.get(90, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @FunctionalInterface
  private interface Call {
    String get() throws Exception;
  }
}
