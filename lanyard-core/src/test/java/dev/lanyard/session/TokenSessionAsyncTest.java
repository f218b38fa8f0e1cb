package dev.lanyard.session;

import static dev.lanyard.session.ScriptedTokenEndpoint.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.LoginTimeoutException;
import dev.lanyard.NoCredentialsException;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.TokenSet;
import dev.lanyard.store.TokenStore;
import dev.lanyard.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * {@link TokenSession#tokenAsync()} and {@link TokenSession#forceRefreshAsync}: the 64 calls of
 * each test come from the test's one thread, so a call that blocked would hang the test, and the
 * refresh runs on the session's one background thread.
 */
@Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
class TokenSessionAsyncTest {
  private static final int CALLS = 64;

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

  private TokenSession.Builder session() {
    return endpoint.session(store, clock).executor(background);
  }

  private static List<CompletableFuture<TokenSet>> calls(TokenSession s) {
    List<CompletableFuture<TokenSet>> futures = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      futures.add(s.tokenAsync());
    }
    return futures;
  }

  private static Throwable failureOf(CompletableFuture<TokenSet> f) {
    return f.handle((t, e) -> e).orTimeout(20, TimeUnit.SECONDS).join();
  }

  @Test
  void tokenAsync_64CallsOnExpiredToken_noneBlocksOneRequestAllGetTheNewToken() throws Exception {
    TokenSession s = session().build();
    clock.advance(Duration.ofSeconds(400));
    endpoint.hold();

    List<CompletableFuture<TokenSet>> futures = calls(s);
    endpoint.awaitRequest();

    assertThat(futures).noneMatch(CompletableFuture::isDone);
    endpoint.release();
    TokenSet first = futures.get(0).get(20, TimeUnit.SECONDS);
    assertThat(first.accessToken()).isEqualTo("at-1");
    for (CompletableFuture<TokenSet> f : futures) {
      assertThat(f.get(20, TimeUnit.SECONDS)).isSameAs(first);
    }
    assertThat(endpoint.requests()).isEqualTo(1);
  }

  @Test
  void tokenAsync_insideRefreshAhead_completeAtOnceWithTheValidToken() throws Exception {
    TokenSession s = session().build();
    assertThat(s.tokenAsync().get(20, TimeUnit.SECONDS).accessToken()).isEqualTo("at-0");
    clock.advance(Duration.ofSeconds(240));
    endpoint.hold();

    List<CompletableFuture<TokenSet>> futures = calls(s);

    assertThat(futures).allSatisfy(f -> assertThat(f).isCompleted());
    assertThat(futures)
        .extracting(CompletableFuture::join)
        .extracting(TokenSet::accessToken)
        .containsOnly("at-0");
    endpoint.awaitRequest();
    endpoint.release();
    CompletableFuture<TokenSet> later;
    do {
      later = s.tokenAsync();
      Thread.onSpinWait();
    } while (!later.join().accessToken().equals("at-1"));
    assertThat(endpoint.requests()).isEqualTo(1);
  }

  @Test
  void tokenAsync_refreshFails_everyFutureFailsWithTheErrorAndTheNextCallTriesAgain()
      throws Exception {
    TokenSession s = session().build();
    clock.advance(Duration.ofSeconds(400));
    endpoint.failNext();
    endpoint.hold();

    List<CompletableFuture<TokenSet>> futures = calls(s);
    endpoint.awaitRequest();
    endpoint.release();

    for (CompletableFuture<TokenSet> f : futures) {
      // The error itself, as token() throws it; join() and get() wrap it as they always do.
      assertThat(failureOf(f)).isInstanceOf(ProviderErrorException.class);
    }
    assertThat(futures.get(0))
        .failsWithin(Duration.ofSeconds(20))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(ProviderErrorException.class);
    assertThat(endpoint.requests()).isEqualTo(1);

    assertThat(s.tokenAsync().get(20, TimeUnit.SECONDS).accessToken()).isEqualTo("at-1");
    assertThat(endpoint.requests()).isEqualTo(2);
  }

  @Test
  void tokenAsync_refreshHeldPastWaitTimeout_loginTimeoutWhileTheRefreshGoesOn() throws Exception {
    TokenSession s = session().waitTimeout(Duration.ofMillis(200)).build();
    clock.advance(Duration.ofSeconds(400));
    endpoint.hold();

    CompletableFuture<TokenSet> f = s.tokenAsync();
    endpoint.awaitRequest();

    assertThat(failureOf(f))
        .isInstanceOf(LoginTimeoutException.class)
        .hasMessageContaining("the provider is slow or unreachable");
    endpoint.release();
    CompletableFuture<TokenSet> next = s.tokenAsync();
    assertThat(next.get(20, TimeUnit.SECONDS).accessToken()).isEqualTo("at-1");
    assertThat(endpoint.requests()).isEqualTo(1);
  }

  @Test
  void tokenAsync_refreshRunBySyncCaller_joinsItWithoutASecondRequest() throws Exception {
    TokenSession s = session().build();
    clock.advance(Duration.ofSeconds(400));
    endpoint.hold();
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      Future<TokenSet> sync = caller.submit(() -> s.token());
      endpoint.awaitRequest();

      List<CompletableFuture<TokenSet>> futures = calls(s);
      assertThat(futures).noneMatch(CompletableFuture::isDone);
      endpoint.release();

      TokenSet t = sync.get(20, TimeUnit.SECONDS);
      for (CompletableFuture<TokenSet> f : futures) {
        assertThat(f.get(20, TimeUnit.SECONDS)).isSameAs(t);
      }
    } finally {
      caller.shutdownNow();
    }
    assertThat(endpoint.requests()).isEqualTo(1);
  }

  @Test
  void forceRefreshAsync_currentTokenRejected_oneRequestForAllCallers() throws Exception {
    TokenSession s = session().build();
    String rejected = s.token().accessToken();
    endpoint.hold();

    List<CompletableFuture<TokenSet>> futures = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      futures.add(s.forceRefreshAsync(rejected));
    }
    endpoint.awaitRequest();
    assertThat(futures).noneMatch(CompletableFuture::isDone);
    endpoint.release();

    for (CompletableFuture<TokenSet> f : futures) {
      assertThat(f.get(20, TimeUnit.SECONDS).accessToken()).isEqualTo("at-1");
    }
    assertThat(endpoint.requests()).isEqualTo(1);
    assertThat(s.forceRefreshAsync(rejected)).isCompletedWithValue(s.current().orElseThrow());
    assertThat(endpoint.requests()).isEqualTo(1);
  }

  @Test
  void tokenAsync_clearDuringRefresh_tokensStayCleared() throws Exception {
    TokenSession s = session().build();
    clock.advance(Duration.ofSeconds(400));
    endpoint.hold();
    CompletableFuture<TokenSet> f = s.tokenAsync();
    endpoint.awaitRequest();
    ExecutorService clearer = Executors.newSingleThreadExecutor();
    try {
      Future<?> clearing =
          clearer.submit(
              () -> {
                s.clear();
                return null;
              });
      while (s.generation() == 0) {
        Thread.onSpinWait();
      }
      endpoint.release();
      assertThat(f.get(20, TimeUnit.SECONDS).accessToken()).isEqualTo("at-1");
      clearing.get(20, TimeUnit.SECONDS);
    } finally {
      clearer.shutdownNow();
    }
    assertThat(s.current()).isEmpty();
    assertThat(store.load()).isEmpty();
    assertThat(failureOf(s.tokenAsync())).isInstanceOf(NoCredentialsException.class);
  }

  @Test
  void tokenAsync_join_wrapsTheErrorInCompletionExceptionAsEveryFutureDoes() {
    TokenSession s = endpoint.session(TokenStore.memory(), clock).executor(Runnable::run).build();

    CompletableFuture<TokenSet> f = s.tokenAsync();

    assertThat(f).isCompletedExceptionally();
    try {
      f.join();
      throw new AssertionError("join returned");
    } catch (CompletionException e) {
      assertThat(e).hasCauseInstanceOf(NoCredentialsException.class);
    }
  }
}
