package dev.lanyard.it;

import static dev.lanyard.it.Kc.alice;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.TokenSet;
import dev.lanyard.session.TokenSession;
import dev.lanyard.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many threads, one expired token, one token request. */
class StampedeTest {

  @Test
  void refresh_64ThreadsOnExpiredToken_exactlyOneTokenRequest() throws Exception {
    FakeClock clock = FakeClock.startingNow();
    TokenSession session = alice("cli").clock(clock).build();
    TokenSet first = session.token();
    clock.advance(Duration.ofMinutes(6));
    int before = Kc.kc().countEvents("REFRESH_TOKEN");

    ExecutorService pool = Executors.newFixedThreadPool(64);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<TokenSet>> results = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      results.add(
          pool.submit(
              () -> {
                start.await();
                return session.token();
              }));
    }
    start.countDown();
    Set<String> accessTokens = new HashSet<>();
    for (Future<TokenSet> f : results) {
      accessTokens.add(f.get(60, TimeUnit.SECONDS).accessToken());
    }
    pool.shutdown();

    assertThat(accessTokens).hasSize(1).doesNotContain(first.accessToken());
    assertThat(Kc.kc().countEvents("REFRESH_TOKEN")).isEqualTo(before + 1);
  }

  @Test
  void refreshAhead_inMargin_callersGetCurrentTokenWhileOneRefreshRuns() throws Exception {
    FakeClock clock = FakeClock.startingNow();
    CountDownLatch refreshed = new CountDownLatch(2); // the first sign-in, then the refresh
    TokenSession session = alice("cli").clock(clock).listener(t -> refreshed.countDown()).build();
    TokenSet first = session.token();
    int before = Kc.kc().countEvents("REFRESH_TOKEN");
    clock.advance(Duration.ofSeconds(240)); // inside the 60 s margin before the skewed expiry

    for (int i = 0; i < 1000; i++) {
      TokenSet t = session.token(); // never blocks: current token or the new one
      assertThat(t.accessToken()).isNotEmpty();
    }
    assertThat(refreshed.await(20, TimeUnit.SECONDS)).as("background refresh done").isTrue();
    assertThat(session.current().orElseThrow().accessToken()).isNotEqualTo(first.accessToken());
    assertThat(Kc.kc().countEvents("REFRESH_TOKEN")).isEqualTo(before + 1);
  }
}
