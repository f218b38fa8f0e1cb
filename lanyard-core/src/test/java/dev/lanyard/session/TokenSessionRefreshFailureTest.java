package dev.lanyard.session;

import static dev.lanyard.session.ScriptedTokenEndpoint.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.ProviderErrorException;
import dev.lanyard.TokenSet;
import dev.lanyard.store.TokenStore;
import dev.lanyard.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What listeners hear of failed refreshes, and the pause after a failed refresh-ahead. */
class TokenSessionRefreshFailureTest {
  private final FakeClock clock = new FakeClock(T0);
  private final TokenStore store = TokenStore.memory();
  private final List<String> heard = new CopyOnWriteArrayList<>();
  private ScriptedTokenEndpoint endpoint;

  /** Records what it hears as {@code tokens at-1} or {@code failed background ProviderError…}. */
  private final TokenListener recorder =
      new TokenListener() {
        @Override
        public void onTokens(TokenSet tokens) {
          heard.add("tokens " + tokens.accessToken());
        }

        @Override
        public void onRefreshFailed(Exception error, boolean background) {
          heard.add(
              "failed " + (background ? "background " : "waited ") + error.getClass().getName());
        }
      };

  @BeforeEach
  void start() throws Exception {
    endpoint = new ScriptedTokenEndpoint();
    store.save(ScriptedTokenEndpoint.initial());
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private TokenSession.Builder session() {
    return endpoint.session(store, clock).executor(Runnable::run).listener(recorder);
  }

  @Test
  void token_backgroundRefreshFails_listenerToldBackgroundAndCallerGetsValidToken()
      throws Exception {
    TokenSession s = session().build();
    s.token();
    endpoint.failNext();
    clock.advance(Duration.ofSeconds(240));

    assertThat(s.token().accessToken()).isEqualTo("at-0");

    assertThat(heard)
        .containsExactly(
            "tokens at-0", "failed background " + ProviderErrorException.class.getName());
  }

  @Test
  void token_neededRefreshFails_listenerToldNotBackgroundAndCallerGetsTheSameError()
      throws Exception {
    TokenSession s = session().build();
    s.token();
    endpoint.failNext();
    clock.advance(Duration.ofSeconds(400));

    assertThatThrownBy(s::token).isInstanceOf(ProviderErrorException.class);

    assertThat(heard)
        .containsExactly("tokens at-0", "failed waited " + ProviderErrorException.class.getName());
  }

  @Test
  void token_failureListenerThrows_sessionUnharmedAndOtherListenersTold() throws Exception {
    TokenSession s =
        endpoint
            .session(store, clock)
            .executor(Runnable::run)
            .listener(
                new TokenListener() {
                  @Override
                  public void onTokens(TokenSet tokens) {}

                  @Override
                  public void onRefreshFailed(Exception error, boolean background) {
                    throw new IllegalStateException("listener bug");
                  }
                })
            .listener(recorder)
            .build();
    s.token();
    endpoint.failNext();
    clock.advance(Duration.ofSeconds(400));

    assertThatThrownBy(s::token).isInstanceOf(ProviderErrorException.class);
    assertThat(s.token().accessToken()).isEqualTo("at-1");
    assertThat(heard)
        .containsExactly(
            "tokens at-0",
            "failed waited " + ProviderErrorException.class.getName(),
            "tokens at-1");
  }

  @Test
  void token_backgroundRefreshFails_nextTryWaitsTheConfiguredPauseWithinJitter() throws Exception {
    TokenSession s = session().refreshAheadRetry(Duration.ofSeconds(100)).build();
    s.token();
    endpoint.failNext();
    clock.advance(
        Duration.ofSeconds(211)); // refresh-ahead margin [210 s, 270 s): the skewed expiry

    s.token();
    assertThat(endpoint.requests()).isEqualTo(1);
    // The pause (100 s ± 20 %) outlasts the margin here: callers that need a token do not wait it.
    clock.advance(Duration.ofSeconds(50));
    s.token();
    assertThat(endpoint.requests()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(10)); // 271 s: expired, so a refresh despite the pause
    assertThat(s.token().accessToken()).isEqualTo("at-1");
    assertThat(endpoint.requests()).isEqualTo(2);
  }

  @Test
  void token_backgroundRefreshFails_retriedNotBefore80PercentAndBy120PercentOfThePause()
      throws Exception {
    TokenSession s = session().refreshAheadRetry(Duration.ofSeconds(20)).build();
    s.token();
    endpoint.failNext();
    clock.advance(Duration.ofSeconds(211));
    s.token();
    assertThat(endpoint.requests()).isEqualTo(1);

    clock.advance(Duration.ofMillis(15_999));
    s.token();
    assertThat(endpoint.requests()).as("before 80 %% of the pause").isEqualTo(1);
    clock.advance(Duration.ofMillis(8_001));
    assertThat(s.token().accessToken()).isEqualTo("at-0");
    assertThat(endpoint.requests()).as("at 120 %% of the pause").isEqualTo(2);
    assertThat(s.token().accessToken()).isEqualTo("at-1");
  }

  @Test
  void token_pauseZero_retriedOnTheNextCall() throws Exception {
    TokenSession s = session().refreshAheadRetry(Duration.ZERO).build();
    s.token();
    endpoint.failNext();
    clock.advance(Duration.ofSeconds(211));

    s.token();
    s.token();

    assertThat(endpoint.requests()).isEqualTo(2);
    assertThat(s.token().accessToken()).isEqualTo("at-1");
  }

  @Test
  void jittered_spansPlusMinus20Percent() {
    assertThat(TokenSession.jittered(10_000, 0)).isEqualTo(8_000);
    assertThat(TokenSession.jittered(10_000, 0.5)).isEqualTo(10_000);
    assertThat(TokenSession.jittered(10_000, Math.nextDown(1.0))).isEqualTo(12_000);
    assertThat(TokenSession.jittered(0, 0.7)).isZero();
  }

  @Test
  void refreshAheadRetry_negative_exactMessage() {
    assertThatThrownBy(() -> TokenSession.builder().refreshAheadRetry(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("refreshAheadRetry must not be negative, was PT-1S");
  }
}
