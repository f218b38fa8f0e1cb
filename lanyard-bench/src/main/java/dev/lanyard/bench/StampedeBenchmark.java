package dev.lanyard.bench;

import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.session.TokenSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stampede: many callers ask for a token at the same moment, the token is expired, and the token
 * endpoint takes 50 ms to answer. Single flight means one token request per stampede, and every
 * caller waits about one endpoint round trip.
 *
 * <p>A hand-written harness, not JMH: each stampede is a one-off event (expire, release all callers
 * at once, count the endpoint's requests), which JMH's model of repeated invocations fits badly.
 * Run: {@code java -cp benchmarks.jar dev.lanyard.bench.StampedeBenchmark [callers=64] [rounds=100]
 * [warmup=10] [delayMs=50]}.
 *
 * <p>Each round moves the injected clock 301 s on, past the 300 s token's expiry, releases all
 * callers through a barrier, and times each caller's {@code token()} call.
 */
public final class StampedeBenchmark {
  private StampedeBenchmark() {}

  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv, Set.of("callers", "rounds", "warmup", "delayMs"));
    int callers = args.get("callers", 64);
    int rounds = args.get("rounds", 100);
    int warmup = args.get("warmup", 10);
    int delayMs = args.get("delayMs", 50);

    ManualClock clock = new ManualClock(Instant.now());
    try (TokenServer server = TokenServer.start(delayMs, 300)) {
      TokenSession session =
          TokenSession.builder()
              .tokenEndpoint(server.tokenEndpoint())
              .client(ClientAuthentication.secretBasic("bench", "secret"))
              .grant(Grant.clientCredentials())
              .clock(clock)
              .build();
      session.token();

      CyclicBarrier start = new CyclicBarrier(callers + 1);
      CyclicBarrier end = new CyclicBarrier(callers + 1);
      Samples waits = new Samples();
      AtomicInteger stale = new AtomicInteger();
      AtomicInteger failures = new AtomicInteger();
      String[] expired = new String[1]; // published to callers through the barrier
      Thread[] threads = new Thread[callers];
      for (int i = 0; i < callers; i++) {
        threads[i] =
            new Thread(
                () -> {
                  try {
                    for (int r = 0; r < warmup + rounds; r++) {
                      start.await();
                      long t0 = System.nanoTime();
                      try {
                        TokenSet t = session.token();
                        long waited = System.nanoTime() - t0;
                        if (r >= warmup) {
                          waits.add(waited);
                        }
                        if (t.accessToken().equals(expired[0])) {
                          stale.incrementAndGet();
                        }
                      } catch (Exception e) {
                        failures.incrementAndGet();
                      }
                      end.await();
                    }
                  } catch (Exception e) {
                    failures.incrementAndGet();
                  }
                },
                "caller-" + i);
        threads[i].setDaemon(true);
        threads[i].start();
      }

      int minRequests = Integer.MAX_VALUE;
      int maxRequests = 0;
      int totalRequests = 0;
      for (int r = 0; r < warmup + rounds; r++) {
        expired[0] = session.current().orElseThrow().accessToken();
        int before = server.requests();
        clock.advance(Duration.ofSeconds(301));
        start.await();
        end.await();
        int requests = server.requests() - before;
        if (r >= warmup) {
          minRequests = Math.min(minRequests, requests);
          maxRequests = Math.max(maxRequests, requests);
          totalRequests += requests;
        }
      }
      for (Thread t : threads) {
        t.join();
      }

      long blockedNanos = Duration.ofMillis(1).toNanos();
      System.out.printf(
          "stampede: %d callers, %d rounds (+%d warm-up), endpoint delay %d ms%n",
          callers, rounds, warmup, delayMs);
      System.out.printf(
          "token requests per stampede: min %d, max %d, mean %.2f (%d in %d rounds)%n",
          minRequests, maxRequests, (double) totalRequests / rounds, totalRequests, rounds);
      System.out.printf("most concurrent token requests ever: %d%n", server.maxInFlight());
      System.out.printf(
          "caller wait: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (%d calls)%n",
          waits.percentileMillis(50),
          waits.percentileMillis(90),
          waits.percentileMillis(99),
          waits.maxMillis(),
          waits.size());
      System.out.printf(
          "calls that waited > 1 ms (joined the refresh): %d of %d%n",
          waits.countAbove(blockedNanos), waits.size());
      System.out.printf(
          "expired tokens handed out: %d, failed calls: %d%n", stale.get(), failures.get());
    }
  }
}
