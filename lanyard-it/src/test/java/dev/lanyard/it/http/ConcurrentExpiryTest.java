package dev.lanyard.it.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.Scope;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.http.RequestAuthorizer;
import dev.lanyard.it.http.Integration.Answer;
import dev.lanyard.it.support.Keycloak;
import dev.lanyard.session.TokenSession;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 200 requests from 32 threads through each integration while Keycloak's 10 s tokens ({@code
 * cli-short}) expire at least twice, on the session's real clock: no caller sees a 401, and each
 * expiry costs exactly one refresh however many requests arrive at it.
 */
class ConcurrentExpiryTest {
  private static final int WAVES = 8;
  private static final int PER_WAVE = 25;

  /** 8 waves 3.3 s apart span 23 s: with tokens held for 8 s, at least two expiries. */
  private static final Duration WAVE_GAP = Duration.ofMillis(3300);

  @ParameterizedTest
  @EnumSource(Integration.class)
  void requests200AcrossExpiries_no401AndOneRefreshPerExpiry(Integration integration)
      throws Exception {
    TokenSession session =
        TokenSession.builder()
            .issuer(URI.create(Keycloak.get().issuer()))
            .client(ClientAuthentication.none(Keycloak.CLIENT_CLI_SHORT))
            .grant(
                Grant.password(Keycloak.ALICE, Keycloak.ALICE_PASSWORD)
                    .withScope(Scope.of("openid")))
            // Tokens are used until 2 s before they expire and refreshed only then, with no
            // refresh-ahead: every wave after an expiry meets an expired token all at once.
            .skew(Duration.ofSeconds(2))
            .refreshAhead(Duration.ZERO)
            .build();
    session.token(); // the sign-in: a LOGIN event, not a refresh
    int refreshesBefore = Keycloak.get().countEvents("REFRESH_TOKEN");

    List<Answer> answers = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try (ProtectedApi api = new ProtectedApi();
        Integration.Api client = integration.client(RequestAuthorizer.bearer(session))) {
      long start = System.nanoTime();
      List<Future<Answer>> calls = new ArrayList<>();
      for (int wave = 0; wave < WAVES; wave++) {
        sleepUntil(start + wave * WAVE_GAP.toNanos());
        for (int i = 0; i < PER_WAVE; i++) {
          calls.add(pool.submit(() -> client.get(api.whoami())));
        }
      }
      for (Future<Answer> call : calls) {
        answers.add(call.get(60, TimeUnit.SECONDS));
      }
      int refreshes = Keycloak.get().countEvents("REFRESH_TOKEN") - refreshesBefore;
      int distinctTokens = api.tokens().size();
      System.err.printf(
          "[lanyard-it] %s: %d requests, %d distinct tokens, %d refreshes, %d 401s at the API%n",
          integration, api.requests(), distinctTokens, refreshes, api.unauthorized());

      Map<Integer, Long> byStatus =
          answers.stream()
              .collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting()));
      assertThat(byStatus).containsExactly(Map.entry(200, (long) WAVES * PER_WAVE));
      assertThat(answers).extracting(Answer::body).containsOnly("alice");
      assertThat(distinctTokens)
          .as("tokens seen: one per expiry plus the first")
          .isGreaterThanOrEqualTo(3);
      assertThat(refreshes).as("refreshes, one per expiry").isEqualTo(distinctTokens - 1);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }
}
