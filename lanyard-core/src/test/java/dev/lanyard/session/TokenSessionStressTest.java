package dev.lanyard.session;

import static dev.lanyard.session.ScriptedTokenEndpoint.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.LoginRequiredException;
import dev.lanyard.TokenSet;
import dev.lanyard.grant.Grant;
import dev.lanyard.store.TokenStore;
import dev.lanyard.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random operations from many threads on two sessions that share one store, in rounds: within a
 * round the threads call {@code token}, {@code tokenAsync}, {@code forceRefresh} (of the token they
 * last got), {@code clear} and move the clock a little; between rounds the clock jumps up to 300 s,
 * so rounds start fresh, inside the refresh-ahead margin, or expired. Each seed fixes every
 * thread's choice of operations (not the interleaving). Invariants: no caller gets a token that was
 * expired when its round began; a forced refresh never returns the rejected token; each thread sees
 * each session's tokens and generation only move forward; never two token requests at once.
 */
@Timeout(value = 120, threadMode = ThreadMode.SEPARATE_THREAD)
class TokenSessionStressTest {
  private static final int THREADS = 6;
  private static final int ROUNDS = 8;
  private static final int OPS = 30;
  private static final long SKEW_MILLIS = 30_000;

  private final FakeClock clock = new FakeClock(T0);
  private final TokenStore store = TokenStore.memory();
  private final TrackedExecutor background = new TrackedExecutor();
  private final AtomicInteger clearsStarted = new AtomicInteger();
  private final AtomicInteger clearsEnded = new AtomicInteger();
  private ScriptedTokenEndpoint endpoint;

  @BeforeEach
  void start() throws Exception {
    endpoint = new ScriptedTokenEndpoint();
    store.save(ScriptedTokenEndpoint.initial());
  }

  @AfterEach
  void stop() {
    endpoint.close();
    background.shutdown();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 20250101})
  void randomOperations_invariantsHold(long seed) throws Exception {
    List<TokenSession> sessions = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      sessions.add(
          endpoint
              .session(store, clock)
              .grant(Grant.clientCredentials())
              .executor(background)
              .build());
    }
    int[] clearsPerSession = new int[sessions.size()];
    List<Caller> callers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      callers.add(new Caller(new Random(seed * 1_000 + t), sessions, clearsPerSession));
    }
    Random jumps = new Random(seed);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        long roundStart = clock.millis();
        CyclicBarrier go = new CyclicBarrier(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (Caller c : callers) {
          done.add(
              pool.submit(
                  () -> {
                    go.await(20, TimeUnit.SECONDS);
                    c.run(roundStart);
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
        background.awaitIdle();
        clock.advance(Duration.ofSeconds(jumps.nextInt(301)));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(endpoint.maxInProgress()).as("token requests at once").isEqualTo(1);
    for (int i = 0; i < sessions.size(); i++) {
      assertThat(sessions.get(i).generation()).isEqualTo(clearsPerSession[i]);
    }
    assertThat(endpoint.requests()).as("some refreshes happened").isGreaterThan(ROUNDS / 2);
  }

  /** One thread's operations: what it saw last per session, checked after every call. */
  private final class Caller {
    private final Random random;
    private final List<TokenSession> sessions;
    private final int[] clearsPerSession;
    private final int[] lastNumber;
    private final long[] lastGeneration;
    private final String[] lastToken;

    Caller(Random random, List<TokenSession> sessions, int[] clearsPerSession) {
      this.random = random;
      this.sessions = sessions;
      this.clearsPerSession = clearsPerSession;
      this.lastNumber = new int[sessions.size()];
      this.lastGeneration = new long[sessions.size()];
      this.lastToken = new String[sessions.size()];
    }

    void run(long roundStart) throws Exception {
      for (int op = 0; op < OPS; op++) {
        int i = random.nextInt(sessions.size());
        TokenSession s = sessions.get(i);
        int clearsEndedBefore = clearsEnded.get();
        int kind = random.nextInt(100);
        try {
          if (kind < 45) {
            check(i, s.token(), roundStart, null);
          } else if (kind < 65) {
            check(i, s.tokenAsync().get(20, TimeUnit.SECONDS), roundStart, null);
          } else if (kind < 69 && lastToken[i] != null) {
            check(i, s.forceRefresh(lastToken[i]), roundStart, lastToken[i]);
          } else if (kind < 72 && lastToken[i] != null) {
            String rejected = lastToken[i];
            check(i, s.forceRefreshAsync(rejected).get(20, TimeUnit.SECONDS), roundStart, rejected);
          } else if (kind < 74) {
            synchronized (clearsPerSession) {
              clearsPerSession[i]++;
            }
            clearsStarted.incrementAndGet();
            try {
              s.clear();
            } finally {
              clearsEnded.incrementAndGet();
            }
          } else {
            clock.advance(Duration.ofMillis(random.nextInt(500)));
          }
        } catch (Exception e) {
          Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
          // A call that raced with clear() may be told so; nothing else may fail.
          assertThat(cause)
              .isInstanceOf(LoginRequiredException.class)
              .hasMessage("the session was cleared; sign in again");
          assertThat(clearsStarted.get())
              .as("a clear() overlapped the call")
              .isGreaterThan(clearsEndedBefore);
        }
        long generation = s.generation();
        assertThat(generation).as("generation").isGreaterThanOrEqualTo(lastGeneration[i]);
        lastGeneration[i] = generation;
      }
    }

    private void check(int i, TokenSet t, long roundStart, String rejected) {
      assertThat(t.expiresAt().orElseThrow().toEpochMilli() - SKEW_MILLIS)
          .as("%s usable when the round began", t.accessToken())
          .isGreaterThan(roundStart);
      if (rejected != null) {
        assertThat(t.accessToken()).as("forced past the rejected token").isNotEqualTo(rejected);
      }
      int n = Integer.parseInt(t.accessToken().substring("at-".length()));
      assertThat(n).as("tokens move forward").isGreaterThanOrEqualTo(lastNumber[i]);
      lastNumber[i] = n;
      lastToken[i] = t.accessToken();
    }
  }

  /** Runs background refreshes on two threads, and knows when none is queued or running. */
  private static final class TrackedExecutor implements java.util.concurrent.Executor {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final AtomicInteger pending = new AtomicInteger();

    @Override
    public void execute(Runnable task) {
      pending.incrementAndGet();
      pool.execute(
          () -> {
            try {
              task.run();
            } finally {
              pending.decrementAndGet();
            }
          });
    }

    void awaitIdle() {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (pending.get() > 0) {
        assertThat(System.nanoTime()).as("background refreshes end").isLessThan(deadline);
        Thread.onSpinWait();
      }
    }

    void shutdown() {
      pool.shutdownNow();
    }
  }
}
