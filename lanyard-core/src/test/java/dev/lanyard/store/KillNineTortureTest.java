package dev.lanyard.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.internal.grant.TokenRequests;
import dev.lanyard.internal.http.TokenEndpoint;
import dev.lanyard.transport.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three processes refresh one token file concurrently against a provider that rotates refresh
 * tokens and, like Keycloak with reuse detection, revokes the grant when a retired one comes back;
 * each round kills them all with {@code kill -9} at a random moment. After every kill: the token
 * file is a valid token set; it holds the provider's current refresh token (then the session goes
 * on) or the one retired by the answer in flight (the documented case of docs/security.md); and the
 * provider never saw a retired token while the processes ran (single flight across processes).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KillNineTortureTest {
  private static final int ROUNDS = 6;
  private static final int PROCESSES = 3;

  @TempDir Path dir;

  /**
   * The provider: thinks 40 ms, rotates, answers 10 ms later; revokes on reuse. A kill lands before
   * the rotation (the session goes on) or between rotation and the written answer (it is lost).
   */
  static final class RotatingProvider extends Dispatcher {
    private String current;
    private String previous;
    private int issued;
    private boolean revoked;
    private final AtomicInteger inFlight = new AtomicInteger();

    RotatingProvider(String first) {
      current = first;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      inFlight.incrementAndGet();
      try {
        Thread.sleep(40); // a slow provider: part of the fault being injected
        return decide(request);
      } finally {
        inFlight.decrementAndGet();
      }
    }

    /** Requests still being decided (a killed client's request is still processed). */
    int inFlight() {
      return inFlight.get();
    }

    private synchronized MockResponse decide(RecordedRequest request) {
      String body = request.getBody() == null ? "" : request.getBody().utf8();
      String presented = body.replaceAll(".*refresh_token=([^&]*).*", "$1");
      if (revoked || !presented.equals(current)) {
        revoked = true;
        return new MockResponse.Builder()
            .code(400)
            .setHeader("Content-Type", "application/json")
            .body("{\"error\":\"invalid_grant\"}")
            .build();
      }
      issued++;
      previous = current;
      current = "rt-" + issued;
      return new MockResponse.Builder()
          .code(200)
          .setHeader("Content-Type", "application/json")
          .body(
              "{\"access_token\":\"at-"
                  + issued
                  + "\",\"token_type\":\"Bearer\",\"expires_in\":300,\"refresh_token\":\""
                  + current
                  + "\"}")
          .headersDelay(10, TimeUnit.MILLISECONDS)
          .build();
    }

    synchronized int issued() {
      return issued;
    }

    synchronized boolean revoked() {
      return revoked;
    }

    synchronized String current() {
      return current;
    }

    synchronized String previous() {
      return previous;
    }

    /** A new sign-in: the grant starts again from {@code first}. */
    synchronized void restart(String first) {
      current = first;
      previous = null;
      revoked = false;
    }
  }

  @Test
  void killNine_duringConcurrentRefreshes_fileAlwaysValid_sessionSurvivesWrittenAnswers()
      throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Path file = dir.resolve("t.json");
    FileTokenStore store = FileTokenStore.at(file);
    RotatingProvider provider = new RotatingProvider("rt-start");
    int survived = 0;
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(provider);
      server.start();
      String endpoint = server.url("/token").toString();
      store.save(TokenSet.builder("at-start").refreshToken("rt-start").build());
      for (int round = 0; round < ROUNDS; round++) {
        int before = provider.issued();
        int target = before + 1 + random.nextInt(4);
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
          processes.add(refresher(file, endpoint));
        }
        waitFor(() -> provider.issued() >= target || provider.revoked(), "refreshes");
        if (round % 2 == 0) {
          // between refreshes: nothing in flight, the last answer written
          waitFor(
              () -> provider.inFlight() == 0 && holds(store, provider.current()),
              "a moment between refreshes");
        } else {
          Thread.sleep(random.nextInt(50)); // a random moment to kill at: the fault's timing
        }
        for (Process p : processes) {
          p.destroyForcibly(); // kill -9: all at once, mid-flight
        }
        for (Process p : processes) {
          assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        // the provider finishes what the killed processes had sent, as a real one would
        waitFor(() -> provider.inFlight() == 0, "the provider to finish");
        String where = "round " + round + " (seed " + seed + ")";
        assertThat(provider.revoked()).as("a retired token was presented in " + where).isFalse();
        TokenSet stored = store.load().orElseThrow(() -> new AssertionError("invalid in " + where));
        String refresh = stored.refreshToken().orElseThrow();
        assertThat(refresh).as(where).isIn(provider.current(), provider.previous());
        if (refresh.equals(provider.current())) {
          survived++;
          TokenSet next =
              new TokenEndpoint(
                      server.url("/token").uri(),
                      ClientAuthentication.none("app"),
                      Transport.builder().maxRetries(0).build(),
                      InstantSource.system(),
                      Duration.ofMinutes(5))
                  .fetch(TokenRequests.refresh(refresh, Scope.EMPTY));
          store.save(next); // the session goes on
        } else {
          // killed after the provider rotated, before the file was replaced: a new sign-in
          String fresh = "rt-signin-" + round;
          provider.restart(fresh);
          store.save(TokenSet.builder("at-signin").refreshToken(fresh).build());
        }
      }
    }
    assertThat(survived).as("rounds whose last answer had been written").isPositive();
  }

  private static boolean holds(FileTokenStore store, String refreshToken) {
    return store.load().flatMap(TokenSet::refreshToken).filter(refreshToken::equals).isPresent();
  }

  private static Process refresher(Path file, String endpoint) throws Exception {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            Refresher.class.getName(),
            file.toString(),
            endpoint)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static void waitFor(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }
}
