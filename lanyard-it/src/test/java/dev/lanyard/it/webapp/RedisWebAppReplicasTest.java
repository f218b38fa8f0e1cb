package dev.lanyard.it.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.example.webapp.ExampleWebApp;
import dev.lanyard.it.support.Browser;
import dev.lanyard.it.support.Keycloak;
import dev.lanyard.redis.RedisServer;
import dev.lanyard.redis.StoreKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the example web app on two ports with one Redis (as behind a load balancer), in
 * headless Chromium: a login started on one instance completes on the other (each sends the
 * provider's answer to the other's {@code /callback}); alice and bob each see only themselves on
 * both; an instance restarted keeps both signed in.
 */
class RedisWebAppReplicasTest {
  private static final String ALICE_EMAIL = "alice@example.org";
  private static final String BOB_EMAIL = "bob@example.org";
  private static final StoreKeys KEYS = StoreKeys.parse(StoreKeys.generate());

  private ExampleWebApp a;
  private ExampleWebApp b;

  @Test
  void twoInstancesOneRedis_loginCrossesInstancesUsersApartRestartKeepsThemSignedIn()
      throws Exception {
    int portA = freePort();
    int portB = freePort();
    URI atA = URI.create("http://127.0.0.1:" + portA);
    URI atB = URI.create("http://127.0.0.1:" + portB);
    try (Browser alice = Browser.start();
        Browser bob = Browser.start()) {
      a = start(portA, atB); // A's sign-ins come back to B ...
      b = start(portB, atA); // ... and B's to A
      try {
        // alice starts on A and is signed in by B; bob starts on B and is signed in by A.
        signIn(alice, atA, atB, Keycloak.ALICE, Keycloak.ALICE_PASSWORD, ALICE_EMAIL);
        signIn(bob, atB, atA, Keycloak.BOB, Keycloak.BOB_PASSWORD, BOB_EMAIL);

        for (URI instance : new URI[] {atA, atB}) {
          assertOnlySees(alice, instance, ALICE_EMAIL, BOB_EMAIL);
          assertOnlySees(bob, instance, BOB_EMAIL, ALICE_EMAIL);
          assertApiAnswersFor(alice, instance, "alice", "bob");
          assertApiAnswersFor(bob, instance, "bob", "alice");
        }

        a.close(); // a restart: nothing of A's memory survives
        a = start(portA, atB);
        assertThat(a.signedIn()).isZero();
        assertOnlySees(alice, atA, ALICE_EMAIL, BOB_EMAIL);
        assertOnlySees(bob, atA, BOB_EMAIL, ALICE_EMAIL);
        assertApiAnswersFor(alice, atA, "alice", "bob");
        assertApiAnswersFor(bob, atA, "bob", "alice");

        // Signing out on one instance signs out on both.
        alice.open(atA.resolve("/")).click("logout");
        alice.waitForText("Not signed in");
        alice.open(atB.resolve("/api")).waitForText("Not signed in");
        assertOnlySees(bob, atB, BOB_EMAIL, ALICE_EMAIL);
      } finally {
        a.close();
        b.close();
      }
    }
  }

  private static ExampleWebApp start(int port, URI publicUri) throws IOException {
    return ExampleWebApp.builder()
        .issuer(URI.create(Keycloak.get().issuer()))
        .clientId(Keycloak.CLIENT_CLI)
        .port(port)
        .publicUri(publicUri)
        .redis(RedisServer.shared().uri())
        .storeKeys(KEYS)
        .start();
  }

  private static void signIn(
      Browser browser, URI startAt, URI endAt, String user, String password, String email) {
    browser.open(startAt.resolve("/")).click("login");
    browser.signIn(user, password);
    browser.waitForText("Signed in as " + email);
    assertThat(browser.url()).isEqualTo(endAt.resolve("/").toString());
  }

  private static void assertOnlySees(Browser browser, URI instance, String own, String other) {
    browser.open(instance.resolve("/")).waitForText("Signed in as " + own);
    assertThat(browser.text()).doesNotContain(other);
  }

  private static void assertApiAnswersFor(Browser browser, URI instance, String own, String other) {
    browser.open(instance.resolve("/api")).waitForText("HTTP 200");
    assertThat(browser.text())
        .contains("\"preferred_username\":\"" + own + "\"")
        .doesNotContain(other);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
