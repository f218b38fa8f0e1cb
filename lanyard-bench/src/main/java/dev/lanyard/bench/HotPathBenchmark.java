package dev.lanyard.bench;

import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.http.Authorization;
import dev.lanyard.http.RequestAuthorizer;
import dev.lanyard.internal.time.CoarseClock;
import dev.lanyard.session.TokenSession;
import java.io.IOException;
import java.net.URI;
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
 * {@link TokenSession#token()} and {@link TokenSession#authorizationHeader()} while the token is
 * fresh: the call every HTTP request makes. Expected: a volatile read and a comparison against the
 * coarse clock, a few ns and no allocation. One session is shared by all benchmark threads, as in
 * an application.
 *
 * <p>The {@code System.nanoTime()}, {@code System.currentTimeMillis()} and coarse-clock baselines
 * give the scale of the machine.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HotPathBenchmark {

  /** A session holding a fresh token, shared by all threads. */
  @State(Scope.Benchmark)
  public static class Session {
    /**
     * {@code static}: a personal access token, never expires, no endpoint. {@code
     * clientCredentials}: a token from an in-process token endpoint, valid for 10 hours.
     */
    @Param({"static", "clientCredentials"})
    public String grant;

    TokenSession session;
    RequestAuthorizer bearer;
    final URI api = URI.create("https://api.example.org/data");
    private TokenServer server;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      TokenSession.Builder b = TokenSession.builder();
      if (grant.equals("static")) {
        b.grant(Grant.staticToken("x"));
      } else {
        server = TokenServer.start(0, 36_000);
        b.tokenEndpoint(server.tokenEndpoint())
            .client(ClientAuthentication.secretBasic("bench", "secret"))
            .grant(Grant.clientCredentials());
      }
      session = b.build();
      session.token(); // the first call obtains the token; every later one finds it fresh
      bearer = RequestAuthorizer.bearer(session);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      if (server != null) {
        if (server.requests() != 1) {
          throw new IllegalStateException(
              "expected 1 token request, saw " + server.requests() + ": the hot path did I/O");
        }
        server.close();
      }
    }
  }

  @Benchmark
  @Threads(1)
  public TokenSet token(Session s) throws IOException {
    return s.session.token();
  }

  @Benchmark
  @Threads(2)
  public TokenSet token_2threads(Session s) throws IOException {
    return s.session.token();
  }

  @Benchmark
  @Threads(1)
  public String authorizationHeader(Session s) throws IOException {
    return s.session.authorizationHeader();
  }

  @Benchmark
  @Threads(2)
  public String authorizationHeader_2threads(Session s) throws IOException {
    return s.session.authorizationHeader();
  }

  /** What every HTTP integration asks per request: the same Authorization while the token holds. */
  @Benchmark
  @Threads(1)
  public Authorization authorize(Session s) throws IOException {
    return s.bearer.authorize("GET", s.api);
  }

  @Benchmark
  @Threads(1)
  public long baseline_nanoTime() {
    return System.nanoTime();
  }

  @Benchmark
  @Threads(1)
  public long baseline_currentTimeMillis() {
    return System.currentTimeMillis();
  }

  /** The clock the hot path reads: one volatile load. */
  @Benchmark
  @Threads(1)
  public long baseline_coarseClock() {
    return CoarseClock.get().millis();
  }
}
