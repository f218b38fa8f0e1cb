package dev.lanyard.internal.http;

import dev.lanyard.MalformedResponseException;
import dev.lanyard.ProviderUnreachableException;
import dev.lanyard.internal.time.Sleeper;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one request to a provider with the transport's bounded retries.
 *
 * <p>Retried: connection failures (the request never left), and 429/503 answers, always; 500, 502,
 * 504 and read timeouts only for replayable requests. A refresh with rotation is not replayable: if
 * the provider processed it before failing, a second attempt would present a rotated-out refresh
 * token, and Keycloak ends the whole session for that. 4xx answers are never retried.
 *
 * <p>Every answer is bounded: the transport's request timeout is a deadline for the whole answer,
 * headers and body (a provider that sends headers and then stalls or drips the body is cut off at
 * it, and the connection cancelled), and the body to the {@link Bodies.Limit} for its kind.
 * Failures name the endpoint ({@code what}), never the full URI: a query may hold a secret.
 */
public final class Exchange {
  private static final Logger log = LoggerFactory.getLogger(Exchange.class);

  private final Transport transport;
  private final Sleeper sleeper;

  private Exchange(Transport transport, Sleeper sleeper) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** Sends through {@code transport}, waiting between attempts with {@link Thread#sleep}. */
  public static Exchange of(Transport transport) {
    return new Exchange(transport, Sleeper.SYSTEM);
  }

  /** Sends through {@code transport}, waiting between attempts with {@code sleeper} (tests). */
  public static Exchange of(Transport transport, Sleeper sleeper) {
    return new Exchange(transport, sleeper);
  }

  /** The transport this exchange sends through. */
  public Transport transport() {
    return transport;
  }

  /**
   * Sends {@code request} through {@code transport}; as {@link #send(HttpRequest, boolean,
   * String)}.
   */
  public static HttpResponse<String> send(
      Transport transport, HttpRequest request, boolean replayable, String what)
      throws IOException {
    return of(transport).send(request, replayable, what);
  }

  /**
   * Sends {@code request}, retrying as described; the body is read as text in the charset the
   * answer names (UTF-8 when it names none). {@code what} names the endpoint in errors.
   */
  public HttpResponse<String> send(HttpRequest request, boolean replayable, String what)
      throws IOException {
    return send(request, replayable, what, Bodies.string(what));
  }

  /** As {@link #send(HttpRequest, boolean, String)}, the body at most {@code limit}. */
  public HttpResponse<String> send(
      HttpRequest request, boolean replayable, String what, Bodies.Limit limit) throws IOException {
    return send(request, replayable, what, Bodies.string(what, limit));
  }

  /** As {@link #send(HttpRequest, boolean, String)}, reading the body with {@code body}. */
  public <T> HttpResponse<T> send(
      HttpRequest request, boolean replayable, String what, HttpResponse.BodyHandler<T> body)
      throws IOException {
    URI uri = request.uri();
    Endpoints.requireSecure(transport, uri, what);
    int attempts = transport.maxRetries() + 1;
    long backoffMillis = transport.initialBackoff().toMillis();
    IOException lastFailure = null;
    for (int attempt = 1; ; attempt++) {
      HttpResponse<T> response = null;
      try {
        response = await(request, body);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException ie = new InterruptedIOException("interrupted while calling " + what);
        ie.initCause(e);
        throw ie;
      } catch (IOException | UnresolvedAddressException e) {
        Optional<MalformedResponseException> tooLarge = Bodies.tooLarge(e);
        if (tooLarge.isPresent()) {
          throw tooLarge.get();
        }
        IOException io;
        if (e instanceof IOException x) {
          io = x;
        } else {
          io = new ConnectException("unknown host");
          io.initCause(e);
        }
        lastFailure = io;
        boolean neverSent =
            io instanceof ConnectException || io instanceof HttpConnectTimeoutException;
        if (!(neverSent || replayable) || attempt >= attempts) {
          throw unreachable(what, uri, io, attempt);
        }
      } catch (IllegalArgumentException e) {
        throw new ProviderUnreachableException(
            "cannot call " + what + " at " + origin(uri) + ": " + e.getMessage(), e);
      }
      long waitMillis = jitter(backoffMillis);
      if (response != null) {
        int status = response.statusCode();
        if (!retryable(status, replayable) || attempt >= attempts) {
          return response;
        }
        Optional<Duration> retryAfter = retryAfter(response);
        if (retryAfter.isPresent()) {
          if (retryAfter.get().compareTo(transport.maxRetryAfter()) > 0) {
            return response;
          }
          // The provider's own number is a floor: never jittered below it.
          waitMillis = Math.max(waitMillis, retryAfter.get().toMillis());
        }
        log.debug("{} answered HTTP {}; retrying in {} ms", what, status, waitMillis);
      } else {
        log.debug("{} failed ({}); retrying in {} ms", what, describe(lastFailure), waitMillis);
      }
      sleep(waitMillis, what);
      backoffMillis = Math.min(backoffMillis * 2, transport.maxBackoff().toMillis());
    }
  }

  /**
   * Sends and waits for the whole answer, body included, until the transport's request timeout: the
   * client's own timeout covers only the wait for the headers. Past the deadline the exchange is
   * cancelled, which closes its stream.
   */
  private <T> HttpResponse<T> await(HttpRequest request, HttpResponse.BodyHandler<T> body)
      throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<T>> answer = transport.httpClient().sendAsync(request, body);
    try {
      return answer.get(transport.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new HttpTimeoutException("no complete answer in time");
    } catch (InterruptedException e) {
      answer.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re; // UnresolvedAddressException, IllegalArgumentException: handled by the caller
      }
      throw new IOException(cause == null ? "failed" : cause.toString(), cause);
    }
  }

  static boolean retryable(int status, boolean replayable) {
    if (status == 429 || status == 503) {
      return true;
    }
    return replayable && (status == 500 || status == 502 || status == 504);
  }

  /** The {@code Retry-After} header as a delay: delta-seconds or an HTTP date. */
  static Optional<Duration> retryAfter(HttpResponse<?> response) {
    Optional<String> header = response.headers().firstValue("Retry-After");
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String v = header.get().strip();
    try {
      long seconds = Long.parseLong(v);
      return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  private static long jitter(long millis) {
    if (millis <= 1) {
      return millis;
    }
    // 75–100 % of the delay: keeps many clients from retrying in lockstep.
    return millis - ThreadLocalRandom.current().nextLong(millis / 4 + 1);
  }

  private void sleep(long millis, String what) throws InterruptedIOException {
    try {
      sleeper.sleep(Duration.ofMillis(millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry " + what);
    }
  }

  private ProviderUnreachableException unreachable(
      String what, URI uri, IOException e, int attempts) {
    String reason = describe(e);
    if (e instanceof HttpTimeoutException && !(e instanceof HttpConnectTimeoutException)) {
      long ms = transport.requestTimeout().toMillis();
      reason = "no answer within " + (ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms");
    }
    return new ProviderUnreachableException(
        "could not reach "
            + what
            + " at "
            + uri.getScheme()
            + "://"
            + uri.getAuthority()
            + ": "
            + reason
            + (attempts > 1 ? " (" + attempts + " attempts)" : ""),
        e);
  }

  /** Scheme, host and port: what a failure may name of a URI whose path or query may be secret. */
  static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  static String describe(@Nullable IOException e) {
    if (e == null) {
      return "failed";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
        return "unknown host";
      }
    }
    if (e instanceof HttpConnectTimeoutException) {
      return "connection timed out";
    }
    if (e instanceof ConnectException) {
      return e.getMessage() == null || e.getMessage().isBlank()
          ? "connection refused"
          : e.getMessage();
    }
    if (e instanceof HttpTimeoutException) {
      return "request timed out";
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
