package dev.lanyard.it;

import static dev.lanyard.it.Kc.alice;
import static dev.lanyard.it.Kc.issuer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.session.TokenSession;
import dev.lanyard.store.TokenStore;
import dev.lanyard.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Expiry, refresh, rotation and re-grant against Keycloak with refresh-token rotation on. */
class SessionLifecycleTest {

  @Test
  void expiry_realLifespan_newTokenAfterProviderExpiry() throws Exception {
    // cli-short issues 10 s access tokens: wait them out for real, the provider's clock is the
    // point.
    TokenSession session = alice("cli-short").build();
    TokenSet first = session.token();
    Instant providerExpiry = first.expiresAt().orElseThrow();
    assertThat(Duration.between(first.issuedAt(), providerExpiry))
        .isEqualTo(Duration.ofSeconds(10));

    Thread.sleep(Math.max(0, Duration.between(Instant.now(), providerExpiry).toMillis()));
    // The provider counts in whole seconds; give it until a few seconds past our estimate.
    Instant deadline = providerExpiry.plusSeconds(5);
    int status = Kc.userinfoStatus(first);
    while (status != 401 && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      status = Kc.userinfoStatus(first);
    }
    assertThat(status).as("the provider agrees the first token is dead").isEqualTo(401);

    TokenSet second = session.token();
    assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
    assertThat(Kc.userinfoStatus(second)).isEqualTo(200);
  }

  @Test
  void expiry_fakeClock_refreshOnlyOnceExpired() throws Exception {
    FakeClock clock = FakeClock.startingNow();
    int before = Kc.kc().countEvents("REFRESH_TOKEN");
    TokenSession session = alice("cli").clock(clock).build(); // 300 s tokens, 30 s skew
    TokenSet first = session.token();

    clock.advance(Duration.ofSeconds(200)); // fresh: before the refresh-ahead margin
    assertThat(session.token()).isSameAs(first);
    assertThat(Kc.kc().countEvents("REFRESH_TOKEN")).isEqualTo(before);

    clock.advance(Duration.ofSeconds(71)); // now + 30 s skew >= expiry: expired
    TokenSet second = session.token();
    assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
    assertThat(Kc.kc().countEvents("REFRESH_TOKEN")).isEqualTo(before + 1);
  }

  @Test
  void rotation_manyRefreshes_alwaysNewestRefreshTokenAndOldOnesDead() throws Exception {
    FakeClock clock = FakeClock.startingNow();
    List<TokenSet> seen = new CopyOnWriteArrayList<>();
    TokenStore store = TokenStore.memory();
    TokenSession session = alice("cli").clock(clock).store(store).listener(seen::add).build();
    session.token();
    int errorsBefore = Kc.kc().countEvents("REFRESH_TOKEN_ERROR");

    for (int i = 0; i < 5; i++) {
      // Keycloak judges refresh-token reuse to the second: let the last refresh be in a later one.
      if (i == 4) {
        Thread.sleep(1100);
      }
      clock.advance(Duration.ofMinutes(5));
      TokenSet t = session.token();
      assertThat(store.load()).contains(t); // saved before anyone else uses it
    }
    assertThat(seen).hasSize(6);
    List<String> refreshTokens = seen.stream().map(t -> t.refreshToken().orElseThrow()).toList();
    assertThat(refreshTokens).doesNotHaveDuplicates();
    assertThat(Kc.kc().countEvents("REFRESH_TOKEN_ERROR")).isEqualTo(errorsBefore);
    assertThat(Kc.userinfoStatus(session.token())).isEqualTo(200);

    // A rotated-out refresh token is refused (and Keycloak then ends the session).
    assertThat(Kc.rawRefresh("cli", refreshTokens.get(1)).statusCode()).isEqualTo(400);
  }

  @Test
  void refreshWithoutRotationInResponse_keepsOldRefreshToken() throws Exception {
    // Client credentials never return a refresh token: the session re-grants instead.
    FakeClock clock = FakeClock.startingNow();
    int before = Kc.kc().countEvents("CLIENT_LOGIN");
    TokenSession session =
        TokenSession.builder()
            .issuer(issuer())
            .client(ClientAuthentication.secretBasic("service", Kc.SERVICE_SECRET))
            .grant(Grant.clientCredentials())
            .clock(clock)
            .build();
    TokenSet first = session.token();
    clock.advance(Duration.ofMinutes(10));
    TokenSet second = session.token();
    assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
    assertThat(second.refreshToken()).isEmpty();
    assertThat(Kc.kc().countEvents("CLIENT_LOGIN")).isEqualTo(before + 2);
  }

  @Test
  void regrant_passwordSessionKilledAtProvider_signsInAgain() throws Exception {
    FakeClock clock = FakeClock.startingNow();
    TokenSession session = Kc.password("cli", "bob", "bob-password").clock(clock).build();
    TokenSet first = session.token();
    Kc.kc().logoutAllSessions("bob"); // refresh token now dead
    clock.advance(Duration.ofMinutes(10));
    TokenSet second = session.token();
    assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
    assertThat(Kc.userinfo(second).body()).contains("bob@example.org");
  }

  @Test
  void forceRefresh_afterRevocation_newTokenWorks() throws Exception {
    TokenSession session = alice("cli").build();
    TokenSet first = session.token();
    TokenSet forced = session.forceRefresh(first.accessToken());
    assertThat(forced.accessToken()).isNotEqualTo(first.accessToken());
    // A second caller that sent the old token does not cause another refresh.
    assertThat(session.forceRefresh(first.accessToken())).isSameAs(forced);
    assertThat(Kc.userinfoStatus(forced)).isEqualTo(200);
  }

  @Test
  void clear_thenToken_regrantsWithoutStaleState() throws Exception {
    TokenStore store = TokenStore.memory();
    TokenSession session = alice("cli").store(store).build();
    TokenSet first = session.token();
    session.clear();
    assertThat(store.load()).isEmpty();
    assertThat(session.current()).isEmpty();
    TokenSet second = session.token();
    assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
  }

  @Test
  void forceRefresh_newSessionOverStoredTokens_refreshesTheStoredOnes() throws Exception {
    TokenStore store = TokenStore.memory();
    TokenSet stored = alice("cli").store(store).build().token();
    int before = Kc.kc().countEvents("REFRESH_TOKEN");

    TokenSession another = alice("cli").store(store).build(); // holds nothing yet
    TokenSet forced = another.forceRefresh();

    assertThat(forced.accessToken()).isNotEqualTo(stored.accessToken());
    assertThat(store.load()).contains(forced);
    assertThat(Kc.kc().countEvents("REFRESH_TOKEN")).isEqualTo(before + 1);
  }
}
