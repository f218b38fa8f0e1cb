package dev.lanyard.bench;

import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.redis.RedisServer;
import dev.lanyard.redis.RedisStore;
import dev.lanyard.redis.StoreKeys;
import dev.lanyard.session.TokenSession;
import dev.lanyard.store.FileTokenStore;
import dev.lanyard.store.TokenStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The token store's cost: {@code token()} on a fresh token (the hot path, which must not touch the
 * store) and {@code forceRefresh()} (a refresh inside the store's exclusive section: in memory, in
 * a locked file, or fleet-wide in Redis), for each store. The Redis store runs against a real
 * {@code redis-server} the benchmark starts on a free loopback port, with an encryption key, as a
 * fleet would; the token endpoint is in-process and answers at once, so the refresh numbers are the
 * store's and the HTTP round trip's. At the end of a Redis trial, the commands Redis processed per
 * refresh are printed ({@code INFO stats}), i.e. the Redis round trips of one refresh.
 */
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StoreBenchmark {

  /** One session on the chosen store, shared by all threads. */
  @State(Scope.Benchmark)
  public static class Stores {
    @Param({"memory", "file", "redis"})
    public String store;

    TokenSession session;
    private TokenServer server;
    private RedisServer redisServer;
    private RedisStore redis;
    private Path dir;
    private long commandsBefore;
    private long roundTripsBefore;
    private long usecBefore;
    long refreshes;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      server = TokenServer.start(0, 36_000);
      dir = Files.createTempDirectory("lanyard-bench-store-");
      TokenStore s;
      switch (store) {
        case "memory" -> s = TokenStore.memory();
        case "file" -> s = FileTokenStore.at(dir.resolve("tokens.json"));
        case "redis" -> {
          redisServer = RedisServer.start(dir);
          redis =
              RedisStore.builder(redisServer.uri())
                  .keys(StoreKeys.parse(StoreKeys.generate()))
                  .connect();
          s = redis.forIdentity(server.tokenEndpoint().toString(), "bench", "default");
        }
        default -> throw new IllegalArgumentException(store);
      }
      session =
          TokenSession.builder()
              .tokenEndpoint(server.tokenEndpoint())
              .client(ClientAuthentication.secretBasic("bench", "secret"))
              .grant(Grant.clientCredentials())
              .store(s)
              .build();
      session.token();
      if (redisServer != null) {
        commandsBefore = commandsProcessed();
        roundTripsBefore = clientRoundTrips();
        usecBefore = redisMicros();
      }
    }

    private long commandsProcessed() {
      for (String line : redisServer.command("INFO", "stats").split("\\r?\\n")) {
        if (line.startsWith("total_commands_processed:")) {
          return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
        }
      }
      throw new IllegalStateException("no total_commands_processed in INFO stats");
    }

    /**
     * Commands clients sent: every EVAL and WAIT, and the HGETs not run by a script (the write
     * script runs one HGET and the only HSET, so script HGETs = HSETs). Scripts' inner commands
     * count in {@code total_commands_processed} but are not round trips.
     */
    private long clientRoundTrips() {
      long eval = 0;
      long hget = 0;
      long hset = 0;
      long wait = 0;
      for (String line : redisServer.command("INFO", "commandstats").split("\\r?\\n")) {
        long calls =
            line.contains("calls=")
                ? Long.parseLong(line.replaceAll("^[^:]*:calls=(\\d+),.*", "$1"))
                : 0;
        if (line.startsWith("cmdstat_eval:")) {
          eval = calls;
        } else if (line.startsWith("cmdstat_hget:")) {
          hget = calls;
        } else if (line.startsWith("cmdstat_hset:")) {
          hset = calls;
        } else if (line.startsWith("cmdstat_wait:")) {
          wait = calls;
        }
      }
      return eval + hget - hset + wait;
    }

    /** Microseconds Redis spent in the commands clients sent (scripts count with their EVAL). */
    private long redisMicros() {
      long usec = 0;
      for (String line : redisServer.command("INFO", "commandstats").split("\\r?\\n")) {
        if (line.startsWith("cmdstat_eval:") || line.startsWith("cmdstat_hget:")) {
          usec += Long.parseLong(line.replaceAll("^[^:]*:calls=\\d+,usec=(\\d+),.*", "$1"));
        }
      }
      return usec;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      if (redisServer != null) {
        // Minus this INFO itself; the lease renewal thread runs only for sections over lease/3.
        long roundTrips = clientRoundTrips() - roundTripsBefore;
        long micros = redisMicros() - usecBefore;
        long commands = commandsProcessed() - commandsBefore - 2; // minus the two INFOs
        if (refreshes > 0) {
          System.out.printf(
              "%nRedis round trips per refresh: %.2f; commands Redis ran per refresh, scripts'"
                  + " included: %.2f; Redis CPU per refresh: %.1f us (%d refreshes)%n",
              (double) roundTrips / refreshes,
              (double) commands / refreshes,
              (double) micros / refreshes,
              refreshes);
        }
        redis.close();
        redisServer.close();
      }
      server.close();
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The hot path on each store: a fresh token from memory, no store call. */
  @Benchmark
  @Threads(1)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public TokenSet token(Stores s) throws IOException {
    return s.session.token();
  }

  /** One refresh through the store's exclusive section (single caller). */
  @Benchmark
  @Threads(1)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public TokenSet refresh(Stores s) throws IOException {
    s.refreshes++;
    return s.session.forceRefresh();
  }
}
