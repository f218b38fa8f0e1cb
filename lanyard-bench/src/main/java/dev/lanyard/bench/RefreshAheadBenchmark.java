package dev.lanyard.bench;

import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.session.TokenSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Refresh-ahead: callers keep calling {@code token()} while the clock enters the refresh-ahead
 * margin and the token endpoint takes 50 ms to answer. The refresh should run in the background: no
 * caller blocks, and exactly one token request is made per margin entered.
 *
 * <p>A hand-written harness, not JMH, because the result is a count of rare slow calls and of
 * requests, not an average. Run: {@code java -cp benchmarks.jar
 * dev.lanyard.bench.RefreshAheadBenchmark [callers=8] [rounds=50] [warmup=5] [delayMs=50]
 * [blockedMs=5] [pauseMicros=100] [advanceS=240]}.
 *
 * <p>Tokens live 300 s; with skew 30 s and refresh-ahead 60 s the margin is [210 s, 270 s) after
 * issue. Each round moves the injected clock to 240 s after the current token's issue, waits until
 * the session holds the new token (the "refresh window"), then lets callers run 50 ms more on the
 * fresh token (the control period, whose slow calls are scheduling noise). Callers pause {@code
 * pauseMicros} between calls so that on a small machine they leave CPU for the refresh.
 */
public final class RefreshAheadBenchmark {
  private RefreshAheadBenchmark() {}

  /** Identity: the session still holds the very token set it was given. */
  @SuppressWarnings("ReferenceEquality")
  private static boolean isSame(Object a, Object b) {
    return a == b;
  }

  private static volatile boolean running = true;
  private static volatile boolean measuring;
  private static volatile boolean inWindow;

  public static void main(String[] argv) throws Exception {
    Args args =
        Args.parse(
            argv,
            Set.of(
                "callers", "rounds", "warmup", "delayMs", "blockedMs", "pauseMicros", "advanceS"));
    int callers = args.get("callers", 8);
    int rounds = args.get("rounds", 50);
    int warmup = args.get("warmup", 5);
    int delayMs = args.get("delayMs", 50);
    long blockedNanos = TimeUnit.MILLISECONDS.toNanos(args.get("blockedMs", 5));
    long pauseNanos = TimeUnit.MICROSECONDS.toNanos(args.get("pauseMicros", 100));
    // 240 s lands inside the margin; 280 s (past the skewed expiry) is the negative control,
    // where callers must block and the harness must say so.
    Duration advance = Duration.ofSeconds(args.get("advanceS", 240));

    ManualClock clock = new ManualClock(Instant.now());
    try (TokenServer server = TokenServer.start(delayMs, 300)) {
      TokenSession session =
          TokenSession.builder()
              .tokenEndpoint(server.tokenEndpoint())
              .client(ClientAuthentication.secretBasic("bench", "secret"))
              .grant(Grant.clientCredentials())
              .clock(clock)
              .skew(Duration.ofSeconds(30))
              .refreshAhead(Duration.ofSeconds(60))
              .build();
      session.token();

      LongAdder windowCalls = new LongAdder();
      LongAdder otherCalls = new LongAdder();
      LongAdder windowSlow = new LongAdder();
      LongAdder otherSlow = new LongAdder();
      LongAdder failures = new LongAdder();
      AtomicInteger callersBlocked = new AtomicInteger();
      long[] windowMax = new long[callers];
      Thread[] threads = new Thread[callers];
      for (int i = 0; i < callers; i++) {
        int id = i;
        threads[i] =
            new Thread(
                () -> {
                  boolean blocked = false;
                  while (running) {
                    boolean window = inWindow;
                    long t0 = System.nanoTime();
                    try {
                      session.token();
                    } catch (Exception e) {
                      failures.increment();
                    }
                    long took = System.nanoTime() - t0;
                    if (measuring) {
                      (window ? windowCalls : otherCalls).increment();
                      if (took > blockedNanos) {
                        (window ? windowSlow : otherSlow).increment();
                        if (window && !blocked) {
                          blocked = true;
                          callersBlocked.incrementAndGet();
                        }
                      }
                      if (window) {
                        windowMax[id] = Math.max(windowMax[id], took);
                      }
                    }
                    LockSupport.parkNanos(pauseNanos);
                  }
                },
                "caller-" + i);
        threads[i].setDaemon(true);
        threads[i].start();
      }

      Samples windows = new Samples();
      int minRequests = Integer.MAX_VALUE;
      int maxRequests = 0;
      int totalRequests = 0;
      for (int r = 0; r < warmup + rounds; r++) {
        measuring = r >= warmup;
        TokenSet old = session.current().orElseThrow();
        int before = server.requests();
        long t0 = System.nanoTime();
        inWindow = true;
        clock.set(old.issuedAt().plus(advance));
        long deadline = t0 + TimeUnit.SECONDS.toNanos(10);
        while (isSame(session.current().orElseThrow(), old)) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("no background refresh within 10 s");
          }
          LockSupport.parkNanos(100_000);
        }
        inWindow = false;
        long window = System.nanoTime() - t0;
        Thread.sleep(50); // control period; a second request would also show up here
        int requests = server.requests() - before;
        if (r >= warmup) {
          windows.add(window);
          minRequests = Math.min(minRequests, requests);
          maxRequests = Math.max(maxRequests, requests);
          totalRequests += requests;
        }
      }
      running = false;
      for (Thread t : threads) {
        t.join();
      }

      long max = 0;
      for (long m : windowMax) {
        max = Math.max(max, m);
      }
      System.out.printf(
          "refresh-ahead: %d callers (pause %d us), %d rounds (+%d warm-up), endpoint delay %d ms,"
              + " clock moved to %d s after issue, blocked = call > %d ms%n",
          callers,
          pauseNanos / 1000,
          rounds,
          warmup,
          delayMs,
          advance.toSeconds(),
          blockedNanos / 1_000_000);
      System.out.printf(
          "token requests per margin entered: min %d, max %d (%d in %d rounds)%n",
          minRequests, maxRequests, totalRequests, rounds);
      System.out.printf(
          "refresh window (clock moved -> new token held): p50 %.1f ms, max %.1f ms%n",
          windows.percentileMillis(50), windows.maxMillis());
      System.out.printf(
          "calls during refresh windows: %d; blocked: %d; callers that blocked: %d"
              + " of %d; slowest call: %.3f ms%n",
          windowCalls.sum(), windowSlow.sum(), callersBlocked.get(), callers, max / 1e6);
      System.out.printf(
          "control (fresh token): %d calls, %d over %d ms%n",
          otherCalls.sum(), otherSlow.sum(), blockedNanos / 1_000_000);
      System.out.printf("failed calls: %d%n", failures.sum());
    }
  }
}
