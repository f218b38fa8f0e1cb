package dev.lanyard.internal.oauth;

import dev.lanyard.AuthorizationDeniedException;
import dev.lanyard.LoginTimeoutException;
import dev.lanyard.MalformedResponseException;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.ProviderUnreachableException;
import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import dev.lanyard.internal.grant.DeviceCodeGrant;
import dev.lanyard.internal.grant.TokenRequests;
import dev.lanyard.internal.http.TokenEndpoint;
import dev.lanyard.internal.http.TokenResponse;
import dev.lanyard.internal.time.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the token endpoint for a device code (RFC 8628 §3.4, §3.5) until the person approves,
 * refuses, the code expires, or the deadline passes. Provider outages (5xx, no connection) are
 * waited out with backoff within the deadline.
 */
public final class DevicePoller {
  private static final Logger log = LoggerFactory.getLogger(DevicePoller.class);
  private static final Duration SLOW_DOWN = Duration.ofSeconds(5);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

  private final TokenEndpoint endpoint;
  private final DeviceCodeGrant grant;
  private final Scope scope;
  private final InstantSource clock;
  private final Instant deadline;
  private final boolean deadlineIsExpiry;
  private final Sleeper sleeper;
  private final CountDownLatch cancelled;
  private Duration interval;

  /**
   * @param sleeper waits between polls; it must return early once {@code cancelled} is counted down
   */
  public DevicePoller(
      TokenEndpoint endpoint,
      Scope scope,
      InstantSource clock,
      DeviceAuthorization.Started started,
      Instant deadline,
      Sleeper sleeper,
      CountDownLatch cancelled) {
    this.scope = scope;
    this.endpoint = endpoint;
    this.grant =
        started.pkce() == null
            ? DeviceCodeGrant.of(started.deviceCode())
            : DeviceCodeGrant.of(started.deviceCode(), started.pkce().verifier());
    this.clock = clock;
    this.deadline = deadline;
    this.deadlineIsExpiry = !deadline.isBefore(started.expiresAt());
    this.interval = started.interval();
    this.sleeper = sleeper;
    this.cancelled = cancelled;
  }

  /** The tokens once the person approved. */
  public TokenSet poll() throws IOException {
    @Nullable IOException outage = null;
    int failures = 0;
    while (true) {
      waitBeforePoll(failures == 0 ? interval : backoff(failures), outage);
      TokenResponse response;
      try {
        response = endpoint.request(TokenRequests.of(grant, scope));
      } catch (ProviderUnreachableException e) {
        outage = e;
        failures++;
        log.debug("device poll failed ({}); retrying", e.getMessage());
        continue;
      } catch (MalformedResponseException e) {
        if (e.status() < 500) {
          throw e;
        }
        outage = e;
        failures++;
        log.debug("device poll answered HTTP {}; retrying", e.status());
        continue;
      }
      if (response instanceof TokenResponse.Success success) {
        return success.tokens();
      }
      ProviderErrorException error = ((TokenResponse.Failure) response).error();
      switch (error.error()) {
        case "authorization_pending" -> {
          outage = null;
          failures = 0;
        }
        case "slow_down" -> {
          interval = interval.plus(SLOW_DOWN);
          outage = null;
          failures = 0;
          log.debug("provider asked to slow down; polling every {} s", interval.toSeconds());
        }
        case "expired_token" -> throw new LoginTimeoutException(expiredMessage());
        case "access_denied" ->
            throw new AuthorizationDeniedException(
                "access_denied",
                "the device sign-in was refused: access_denied"
                    + error.description().map(d -> " (" + Secrets.oneLine(d) + ")").orElse(""));
        default -> {
          if (error.status() < 500
              && !error.error().equals("temporarily_unavailable")
              && !error.error().equals("server_error")) {
            throw new ProviderErrorException(
                error.error(),
                error.description().orElse(null),
                error.errorUri().orElse(null),
                error.status());
          }
          outage = error;
          failures++;
        }
      }
    }
  }

  /** Waits, or fails when the deadline would pass first, on cancel, or on interrupt. */
  private void waitBeforePoll(Duration wait, @Nullable IOException outage) throws IOException {
    Duration left = Duration.between(clock.instant(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw outage != null ? outage : timeout();
    }
    checkCancelled();
    try {
      Duration d = wait.compareTo(left) < 0 ? wait : left;
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the device sign-in");
    }
    checkCancelled();
    if (!clock.instant().isBefore(deadline)) {
      throw outage != null ? outage : timeout();
    }
  }

  private void checkCancelled() throws LoginTimeoutException {
    if (cancelled.getCount() == 0) {
      throw new LoginTimeoutException("the device sign-in was cancelled");
    }
  }

  private Duration backoff(int failures) {
    Duration d = interval.multipliedBy(1L << Math.min(failures - 1, 4));
    return d.compareTo(MAX_BACKOFF) > 0
        ? (interval.compareTo(MAX_BACKOFF) > 0 ? interval : MAX_BACKOFF)
        : d;
  }

  private LoginTimeoutException timeout() {
    return new LoginTimeoutException(
        deadlineIsExpiry
            ? expiredMessage()
            : "the device sign-in was not approved in time; run the login again");
  }

  private static String expiredMessage() {
    return "the device code expired before the sign-in was approved; run the login again";
  }
}
