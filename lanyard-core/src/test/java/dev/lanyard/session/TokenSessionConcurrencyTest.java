package dev.lanyard.session;

import static dev.lanyard.session.ScriptedTokenEndpoint.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.LoginTimeoutException;
import dev.lanyard.NoCredentialsException;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.TokenSet;
import dev.lanyard.store.TokenStore;
import dev.lanyard.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** Single flight and refresh-ahead with many callers at once, on a scripted token endpoint. */
@Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
class TokenSessionConcurrencyTest {
  private static final int CALLERS = 64;

  private final FakeClock clock = new FakeClock(T0);
  private final TokenStore store = TokenStore.memory();
  private final ExecutorService background = Executors.newSingleThreadExecutor();
  private ScriptedTokenEndpoint endpoint;

  @BeforeEach
  void start() throws Exception {
    endpoint = new ScriptedTokenEndpoint();
    store.save(ScriptedTokenEndpoint.initial());
  }

  @AfterEach
  void stop() {
    endpoint.close();
    background.shutdownNow();
  }

  private TokenSession session() {
    return endpoint.session(store, clock).executor(background).build();
  }

  private static Callable<TokenSet> tokenOf(TokenSession s) {
    return s::token;
  }

  @Test
  void token_64CallersOnExpiredToken_oneRequestAllGetTheNewToken() throws Exception {
    TokenSession s = session();
    clock.advance(Duration.ofSeconds(400));
    endpoint.hold();

    try (Callers<TokenSet> callers = new Callers<>(CALLERS, s::token)) {
      endpoint.awaitRequest();
      callers.awaitAllParked();
      endpoint.release();

      List<TokenSet> results = callers.results();
      assertThat(results).extracting(TokenSet::accessToken).containsOnly("at-1");
      assertThat(results).allSatisfy(t -> assertThat(t).isSameAs(results.get(0)));
    }
    assertThat(endpoint.requests()).isEqualTo(1);
    assertThat(store.load().orElseThrow().accessToken()).isEqualTo("at-1");
  }

  @Test
  void token_64CallersInsideRefreshAhead_allGetTheValidTokenWhileTheRefreshIsHeld()
      throws Exception {
    CountDownLatch adopted = new CountDownLatch(1);
    TokenSession s =
        endpoint
            .session(store, clock)
            .executor(background)
            .listener(
                t -> {
                  if (t.accessToken().equals("at-1")) {
                    adopted.countDown();
                  }
                })
            .build();
    assertThat(s.token().accessToken()).isEqualTo("at-0");
    clock.advance(Duration.ofSeconds(240)); // refresh-ahead margin: [210 s, 270 s)
    endpoint.hold();

    try (Callers<TokenSet> callers = new Callers<>(CALLERS, s::token)) {
      // Every caller returns while the endpoint still holds the one refresh: nobody waited for it.
      assertThat(callers.results()).extracting(TokenSet::accessToken).containsOnly("at-0");
    }
    endpoint.awaitRequest();
    assertThat(s.token().accessToken()).isEqualTo("at-0");
    endpoint.release();
    Callers.await(adopted);

    assertThat(s.token().accessToken()).isEqualTo("at-1");
    assertThat(endpoint.requests()).isEqualTo(1);
  }

  @Test
  void token_refreshFails_everyWaiterGetsTheErrorAndTheNextCallTriesAgain() throws Exception {
    TokenSession s = session();
    clock.advance(Duration.ofSeconds(400));
    endpoint.failNext();
    endpoint.hold();

    try (Callers<TokenSet> callers = new Callers<>(CALLERS, s::token)) {
      endpoint.awaitRequest();
      callers.awaitAllParked();
      endpoint.release();

      assertThat(callers.outcomes())
          .allSatisfy(
              o ->
                  assertThat(o)
                      .isInstanceOfSatisfying(
                          ProviderErrorException.class,
                          e -> assertThat(e.error()).isEqualTo("invalid_request")));
    }
    assertThat(endpoint.requests()).isEqualTo(1);
    assertThat(store.load().orElseThrow().accessToken()).isEqualTo("at-0");

    assertThat(s.token().accessToken()).isEqualTo("at-1");
    assertThat(endpoint.requests()).isEqualTo(2);
  }

  @Test
  void clear_duringRefresh_refreshDoesNotBringTheTokensBack() throws Exception {
    TokenSession s = session();
    clock.advance(Duration.ofSeconds(400));
    endpoint.hold();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<TokenSet> waiter = threads.submit(tokenOf(s));
      endpoint.awaitRequest();
      Future<?> clearing =
          threads.submit(
              () -> {
                s.clear();
                return null;
              });
      while (s.current().isPresent()) { // clear() forgets here at once, then waits for the store
        Thread.onSpinWait();
      }
      endpoint.release();

      assertThat(waiter.get(20, TimeUnit.SECONDS).accessToken()).isEqualTo("at-1");
      clearing.get(20, TimeUnit.SECONDS);
    } finally {
      threads.shutdownNow();
    }
    assertThat(s.current()).isEmpty();
    assertThat(store.load()).isEmpty();
    assertThat(s.generation()).isEqualTo(1);
    assertThatThrownBy(s::token).isInstanceOf(NoCredentialsException.class);
    assertThat(endpoint.requests()).isEqualTo(1);
  }

  @Test
  void clear_beforeQueuedBackgroundRefreshRuns_refreshRefusedAndNothingStored() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    List<Runnable> queued = new java.util.concurrent.CopyOnWriteArrayList<>();
    TokenSession s =
        endpoint
            .session(store, clock)
            .executor(queued::add)
            .listener(
                new TokenListener() {
                  @Override
                  public void onTokens(TokenSet tokens) {}

                  @Override
                  public void onRefreshFailed(Exception error, boolean background) {
                    ran.countDown();
                  }
                })
            .build();
    assertThat(s.token().accessToken()).isEqualTo("at-0");
    clock.advance(Duration.ofSeconds(240));
    assertThat(s.token().accessToken()).isEqualTo("at-0");
    assertThat(queued).hasSize(1);

    s.clear();
    queued.get(0).run();

    Callers.await(ran);
    assertThat(endpoint.requests()).isZero();
    assertThat(store.load()).isEmpty();
    assertThat(s.current()).isEmpty();
  }

  @Test
  void token_refreshHeldPastWaitTimeout_loginTimeoutAndLaterCallsGetTheResult() throws Exception {
    TokenSession s =
        endpoint
            .session(store, clock)
            .executor(background)
            .waitTimeout(Duration.ofMillis(200))
            .build();
    clock.advance(Duration.ofSeconds(400));
    endpoint.hold();
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try {
      Future<TokenSet> first = runner.submit(tokenOf(s));
      endpoint.awaitRequest();

      assertThatThrownBy(s::token)
          .isInstanceOf(LoginTimeoutException.class)
          .hasMessageContaining("the provider is slow or unreachable");
      endpoint.release();
      assertThat(first.get(20, TimeUnit.SECONDS).accessToken()).isEqualTo("at-1");
    } finally {
      runner.shutdownNow();
    }
    assertThat(s.token().accessToken()).isEqualTo("at-1");
    assertThat(endpoint.requests()).isEqualTo(1);
  }
}
