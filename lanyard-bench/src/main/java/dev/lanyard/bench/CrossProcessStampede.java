package dev.lanyard.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.redis.RedisServer;
import dev.lanyard.redis.RedisStore;
import dev.lanyard.redis.StoreKeys;
import dev.lanyard.session.TokenSession;
import dev.lanyard.store.FileTokenStore;
import dev.lanyard.store.TokenStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * A cross-process stampede: {@code jvms} child JVMs with {@code threads} callers each share one
 * token store (Redis, or the locked token file) and call {@code token()} at the same instant on an
 * <b>expired</b> token, while the token endpoint takes {@code delayMs} to answer. The fleet-wide
 * exclusive section means one token request per stampede across all processes.
 *
 * <p>The parent starts the token endpoint ({@link TokenServer}, which counts the requests) and, for
 * {@code store=redis}, a real {@code redis-server} on a free loopback port; it seeds the store with
 * an expired token set carrying a refresh token, then starts the children (the same {@code java}
 * binary and class path as itself). Each child builds one session over the shared store (no grant:
 * it refreshes with the stored refresh token) and starts its callers. For each round the parent
 * writes {@code GO <round> <epoch ms>} to every child's standard input; each child moves its
 * session's injected clock to {@code round × 301 s} ahead of the wall clock, so the token every
 * process holds (and the stored one) is expired in every process at once, and its callers wake at
 * that wall-clock instant, time their {@code token()} call and report the latencies. The parent
 * counts the endpoint's requests per round once every child has reported.
 *
 * <p>Children die with the parent: they exit at end of input (the parent closes their standard
 * input or dies) and at their own deadline; the parent destroys them in a {@code finally}.
 *
 * <p>Run: {@code java -cp benchmarks.jar dev.lanyard.bench.CrossProcessStampede [store=redis|file]
 * [jvms=8] [threads=64] [rounds=10] [warmup=2] [delayMs=50]}.
 */
public final class CrossProcessStampede {
  private static final Duration JUMP = Duration.ofSeconds(301);
  private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final String KEY_ENV = "LANYARD_BENCH_STORE_KEY";

  private CrossProcessStampede() {}

  public static void main(String[] argv) throws Exception {
    Args args =
        Args.parse(
            argv,
            Set.of(
                "role",
                "store",
                "jvms",
                "threads",
                "rounds",
                "warmup",
                "delayMs",
                "target",
                "endpoint",
                "deadline"));
    if (args.get("role", "parent").equals("child")) {
      Child.run(args);
    } else {
      parent(args);
    }
  }

  private static void parent(Args args) throws Exception {
    String store = args.get("store", "redis");
    int jvms = args.get("jvms", 8);
    int threads = args.get("threads", 64);
    int rounds = args.get("rounds", 10);
    int warmup = args.get("warmup", 2);
    int delayMs = args.get("delayMs", 50);
    if (!store.equals("redis") && !store.equals("file")) {
      throw new IllegalArgumentException("store must be redis or file: " + store);
    }

    Path dir = Files.createTempDirectory("lanyard-bench-xstampede-");
    String key = StoreKeys.generate();
    List<Process> children = new ArrayList<>();
    RedisServer redisServer = null;
    try (TokenServer server = TokenServer.start(delayMs, 300)) {
      String target;
      TokenSet expired =
          TokenSet.builder("at-0")
              .refreshToken("rt-0")
              .issuedAt(Instant.now().minusSeconds(600))
              .expiresAt(Instant.now().minusSeconds(300))
              .build();
      if (store.equals("redis")) {
        redisServer = RedisServer.start(dir);
        target = redisServer.uri();
        try (RedisStore redis = connect(target, key)) {
          redis.forIdentity(server.tokenEndpoint().toString(), "bench", "default").save(expired);
        }
      } else {
        target = dir.resolve("tokens.json").toString();
        FileTokenStore.at(Path.of(target)).save(expired);
      }

      long deadline =
          System.currentTimeMillis()
              + START_TIMEOUT.toMillis()
              + (warmup + rounds + 1) * ROUND_TIMEOUT.toMillis();
      String java =
          ProcessHandle.current()
              .info()
              .command()
              .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      for (int i = 0; i < jvms; i++) {
        ProcessBuilder pb =
            new ProcessBuilder(
                    java,
                    "-Xmx256m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    CrossProcessStampede.class.getName(),
                    "role=child",
                    "store=" + store,
                    "target=" + target,
                    "endpoint=" + server.tokenEndpoint(),
                    "threads=" + threads,
                    "deadline=" + deadline)
                .redirectError(dir.resolve("child-" + i + ".log").toFile());
        pb.environment().put(KEY_ENV, key); // never argv
        Process p = pb.start();
        children.add(p);
        int child = i;
        Thread reader =
            new Thread(
                () -> {
                  try (BufferedReader in =
                      new BufferedReader(new InputStreamReader(p.getInputStream(), UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                      lines.add(child + " " + line);
                    }
                  } catch (IOException e) {
                    lines.add(child + " GONE " + e);
                  }
                  lines.add(child + " EOF");
                },
                "child-" + i + "-reader");
        reader.setDaemon(true);
        reader.start();
      }
      awaitAll(lines, jvms, "READY", -1, START_TIMEOUT, dir, children, null);

      Samples waits = new Samples();
      int minRequests = Integer.MAX_VALUE;
      int maxRequests = 0;
      int totalRequests = 0;
      int stale = 0;
      int failures = 0;
      System.out.printf(
          "cross-process stampede: store %s, %d JVMs x %d threads, %d rounds (+%d warm-up),"
              + " endpoint delay %d ms%n",
          store, jvms, threads, rounds, warmup, delayMs);
      for (int r = 0; r < warmup + rounds; r++) {
        int before = server.requests();
        long release = System.currentTimeMillis() + 300;
        for (Process p : children) {
          OutputStream in = p.getOutputStream();
          in.write(("GO " + r + " " + release + "\n").getBytes(UTF_8));
          in.flush();
        }
        Samples round = new Samples();
        int[] counts = new int[2];
        awaitAll(
            lines,
            jvms,
            "ROUND",
            r,
            ROUND_TIMEOUT,
            dir,
            children,
            (line) -> {
              // ROUND r stale failures lat1,lat2,... (microseconds)
              String[] f = line.split(" ", 5);
              counts[0] += Integer.parseInt(f[2]);
              counts[1] += Integer.parseInt(f[3]);
              if (f.length > 4 && !f[4].isEmpty()) {
                for (String us : f[4].split(",")) {
                  round.add(Long.parseLong(us) * 1000);
                }
              }
            });
        int requests = server.requests() - before;
        System.out.printf(
            "round %2d%s: token requests %d, caller wait p50 %.1f ms, p99 %.1f ms, max %.1f ms"
                + " (%d calls), expired handed out %d, failed %d%n",
            r,
            r < warmup ? " (warm-up)" : "",
            requests,
            round.percentileMillis(50),
            round.percentileMillis(99),
            round.maxMillis(),
            round.size(),
            counts[0],
            counts[1]);
        if (r >= warmup) {
          minRequests = Math.min(minRequests, requests);
          maxRequests = Math.max(maxRequests, requests);
          totalRequests += requests;
          stale += counts[0];
          failures += counts[1];
          round.addAllTo(waits);
        }
      }
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
          waits.countAbove(Duration.ofMillis(1).toNanos()), waits.size());
      System.out.printf("expired tokens handed out: %d, failed calls: %d%n", stale, failures);
      for (Process p : children) {
        p.getOutputStream().close(); // end of input: the child exits
      }
      for (Process p : children) {
        p.waitFor(10, TimeUnit.SECONDS);
      }
    } finally {
      for (Process p : children) {
        p.destroyForcibly();
      }
      for (Process p : children) {
        p.waitFor(10, TimeUnit.SECONDS);
      }
      if (redisServer != null) {
        redisServer.close();
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** What the parent does with each child's answer line. */
  private interface LineHandler {
    void accept(String line);
  }

  /**
   * Waits until every child printed a line starting with {@code word} (and, for {@code round >= 0},
   * that round), handing each to {@code handler}; fails when a child ends or the time is up.
   */
  private static void awaitAll(
      BlockingQueue<String> lines,
      int jvms,
      String word,
      int round,
      Duration timeout,
      Path dir,
      List<Process> children,
      LineHandler handler)
      throws InterruptedException, IOException {
    boolean[] seen = new boolean[jvms];
    int count = 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count < jvms) {
      String entry = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (entry == null) {
        throw new IllegalStateException(
            "timed out waiting for " + word + " from the children" + logs(dir, children.size()));
      }
      int space = entry.indexOf(' ');
      int child = Integer.parseInt(entry.substring(0, space));
      String line = entry.substring(space + 1);
      if (line.startsWith("EOF") || line.startsWith("GONE")) {
        throw new IllegalStateException(
            "child " + child + " ended early" + logs(dir, children.size()));
      }
      if (!line.equals(word) && !line.startsWith(word + " ")) {
        continue; // anything else a child printed
      }
      if (round >= 0 && Integer.parseInt(line.split(" ", 3)[1]) != round) {
        throw new IllegalStateException("child " + child + " answered out of turn: " + line);
      }
      if (!seen[child]) {
        seen[child] = true;
        count++;
        if (handler != null) {
          handler.accept(line);
        }
      }
    }
  }

  private static String logs(Path dir, int jvms) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < jvms; i++) {
      Path log = dir.resolve("child-" + i + ".log");
      if (Files.exists(log) && Files.size(log) > 0) {
        b.append("\n--- child ").append(i).append(" stderr:\n").append(Files.readString(log));
      }
    }
    return b.toString();
  }

  static RedisStore connect(String uri, String key) throws IOException {
    return RedisStore.builder(uri).keys(StoreKeys.parse(key)).connect();
  }

  /** The wall clock plus an offset the child moves on each round. */
  private static final class JumpingClock implements InstantSource {
    private volatile long offsetMillis;

    void offset(Duration offset) {
      offsetMillis = offset.toMillis();
    }

    @Override
    public long millis() {
      return System.currentTimeMillis() + offsetMillis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }
  }

  /** One child JVM: one session on the shared store, {@code threads} callers. */
  private static final class Child {
    private Child() {}

    static void run(Args args) throws Exception {
      String store = args.get("store", "redis");
      String target = args.get("target", "");
      URI endpoint = URI.create(args.get("endpoint", ""));
      int threads = args.get("threads", 64);
      long deadline = Long.parseLong(args.get("deadline", "0"));

      Thread watchdog =
          new Thread(
              () -> {
                long left;
                while ((left = deadline - System.currentTimeMillis()) > 0) {
                  try {
                    Thread.sleep(left);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
                System.err.println("deadline passed; exiting");
                Runtime.getRuntime().halt(3);
              },
              "deadline");
      watchdog.setDaemon(true);
      watchdog.start();

      RedisStore redis = null;
      TokenStore tokens;
      if (store.equals("redis")) {
        redis = connect(target, System.getenv(KEY_ENV));
        tokens = redis.forIdentity(endpoint.toString(), "bench", "default");
      } else {
        tokens = FileTokenStore.at(Path.of(target));
      }
      JumpingClock clock = new JumpingClock();
      TokenSession session =
          TokenSession.builder()
              .tokenEndpoint(endpoint)
              .client(ClientAuthentication.secretBasic("bench", "secret"))
              .store(tokens)
              .clock(clock)
              .build();

      long[] releaseNanos = new long[1]; // published to callers through the barrier
      long[] latencies = new long[threads];
      AtomicInteger stale = new AtomicInteger();
      AtomicInteger failures = new AtomicInteger();
      CyclicBarrier start = new CyclicBarrier(threads + 1);
      CyclicBarrier end = new CyclicBarrier(threads + 1);
      for (int i = 0; i < threads; i++) {
        int caller = i;
        Thread t =
            new Thread(
                () -> {
                  try {
                    while (true) {
                      start.await();
                      long d;
                      while ((d = releaseNanos[0] - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(d);
                      }
                      long t0 = System.nanoTime();
                      try {
                        TokenSet got = session.token();
                        latencies[caller] = System.nanoTime() - t0;
                        if (!got.accessValid(Duration.ZERO, clock.instant())) {
                          stale.incrementAndGet();
                        }
                      } catch (Exception e) {
                        latencies[caller] = -1;
                        failures.incrementAndGet();
                        System.err.println("token() failed: " + e);
                      }
                      end.await();
                    }
                  } catch (Exception e) {
                    // the barrier broke: the child is ending
                  }
                },
                "caller-" + i);
        t.setDaemon(true);
        t.start();
      }
      System.out.println("READY");
      System.out.flush();

      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, UTF_8));
      for (String line; (line = in.readLine()) != null; ) {
        String[] f = line.split(" ");
        if (f.length != 3 || !f[0].equals("GO")) {
          continue;
        }
        int round = Integer.parseInt(f[1]);
        long releaseMillis = Long.parseLong(f[2]);
        clock.offset(JUMP.multipliedBy(round));
        releaseNanos[0] =
            System.nanoTime()
                + TimeUnit.MILLISECONDS.toNanos(releaseMillis - System.currentTimeMillis());
        stale.set(0);
        failures.set(0);
        start.await();
        end.await();
        StringBuilder out =
            new StringBuilder("ROUND ")
                .append(round)
                .append(' ')
                .append(stale.get())
                .append(' ')
                .append(failures.get())
                .append(' ');
        boolean first = true;
        for (long nanos : latencies) {
          if (nanos >= 0) {
            out.append(first ? "" : ",").append(TimeUnit.NANOSECONDS.toMicros(nanos));
            first = false;
          }
        }
        System.out.println(out);
        System.out.flush();
      }
      if (redis != null) {
        redis.close();
      }
      System.exit(0);
    }
  }
}
