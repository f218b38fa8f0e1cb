package dev.lanyard.internal.jwt;

import com.nimbusds.jose.jwk.JWKSet;
import dev.lanyard.MalformedResponseException;
import dev.lanyard.internal.http.Bodies;
import dev.lanyard.internal.http.Exchange;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's JWKS, fetched on first use and again when a token names a key it lacks (key
 * rotation).
 *
 * <p>Refetches for unknown keys are rate limited: a flood of tokens with made-up key ids costs the
 * provider at most one request per interval. Concurrent callers share one fetch (single flight); no
 * lock is held while the network is used.
 */
final class JwksCache {
  static final String WHAT = "the JWKS endpoint";
  private static final Logger log = LoggerFactory.getLogger(JwksCache.class);

  private final URI uri;

  /** Keys are fetched again when older than this, even if every token names a known key. */
  static final Duration MAX_AGE = Duration.ofHours(1);

  private final Transport transport;
  private final InstantSource clock;
  private final Duration refetchInterval;
  private final AtomicReference<CompletableFuture<JWKSet>> inFlight = new AtomicReference<>();
  private volatile @Nullable JWKSet keys;
  private volatile @Nullable Instant lastAttempt;
  private volatile @Nullable Instant fetchedAt;

  JwksCache(URI uri, Transport transport, InstantSource clock, Duration refetchInterval) {
    this.uri = uri;
    this.transport = transport;
    this.clock = clock;
    this.refetchInterval = refetchInterval;
  }

  /**
   * The cached keys; the first call fetches them, and keys older than {@link #MAX_AGE} are fetched
   * again, so a key the provider withdrew stops being trusted. If that fetch fails, the old keys
   * keep serving (an outage of the JWKS endpoint must not stop verification).
   */
  JWKSet current() throws IOException {
    JWKSet k = keys;
    if (k == null) {
      return refresh(null, false).orElseThrow(); // not rate limited: never empty
    }
    Instant at = fetchedAt;
    if (at != null && clock.instant().isAfter(at.plus(MAX_AGE))) {
      try {
        return refresh(k, true).orElse(k); // rate limited like unknown key ids
      } catch (IOException e) {
        log.warn(
            "could not refresh the JWKS from {}; using the keys fetched at {}: {}",
            uri,
            at,
            e.getMessage());
      }
    }
    return k;
  }

  /**
   * Keys newer than {@code seen}, which lacked a key a token asked for: another caller's fresh
   * result, or a new fetch; empty when the last fetch began less than the interval ago.
   */
  Optional<JWKSet> refetch(JWKSet seen) throws IOException {
    return refresh(seen, true);
  }

  @SuppressWarnings("ReferenceEquality") // the same key set means nobody fetched since
  private Optional<JWKSet> refresh(@Nullable JWKSet seen, boolean rateLimited) throws IOException {
    while (true) {
      CompletableFuture<JWKSet> running = inFlight.get();
      if (running != null) {
        return Optional.of(join(running));
      }
      JWKSet k = keys;
      if (k != null && k != seen) {
        return Optional.of(k); // someone fetched since the caller looked
      }
      Instant now = clock.instant();
      Instant last = lastAttempt;
      if (rateLimited && last != null && now.isBefore(last.plus(refetchInterval))) {
        return Optional.empty();
      }
      CompletableFuture<JWKSet> mine = new CompletableFuture<>();
      if (!inFlight.compareAndSet(null, mine)) {
        continue;
      }
      try {
        lastAttempt = now;
        JWKSet fetched = fetch();
        keys = fetched;
        fetchedAt = now;
        mine.complete(fetched);
        return Optional.of(fetched);
      } catch (IOException | RuntimeException e) {
        mine.completeExceptionally(e);
        throw e;
      } finally {
        inFlight.set(null);
      }
    }
  }

  /** Waits for another caller's fetch; it is bounded by the transport's timeouts and retries. */
  private static JWKSet join(CompletableFuture<JWKSet> running) throws IOException {
    try {
      return running.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException ie = new InterruptedIOException("interrupted while fetching the JWKS");
      ie.initCause(e);
      throw ie;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException("fetching the JWKS failed", cause);
    }
  }

  private JWKSet fetch() throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .GET()
            .header("Accept", "application/json")
            .timeout(transport.requestTimeout())
            .build();
    HttpResponse<String> response =
        Exchange.of(transport).send(request, true, WHAT, Bodies.Limit.JWKS);
    int status = response.statusCode();
    if (status != 200) {
      throw new MalformedResponseException(
          WHAT + " at " + uri + " answered HTTP " + status + " instead of a JWK set", status);
    }
    JWKSet set;
    try {
      set = JWKSet.parse(response.body()).toPublicJWKSet();
    } catch (ParseException e) {
      // Not the parser's message: it may quote the body, and the body is not ours to log.
      throw new MalformedResponseException(
          WHAT + " at " + uri + " did not answer with a JWK set", 200);
    }
    log.debug("fetched {} keys from {} at {}", set.size(), WHAT, uri);
    return set;
  }
}
