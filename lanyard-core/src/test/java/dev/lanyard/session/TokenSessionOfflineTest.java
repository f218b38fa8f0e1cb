package dev.lanyard.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.LoginRequiredException;
import dev.lanyard.NoCredentialsException;
import dev.lanyard.TokenSet;
import dev.lanyard.grant.Grant;
import dev.lanyard.store.TokenStore;
import dev.lanyard.testing.FakeClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Session behaviour that needs no provider at all: no credentials, static tokens, listeners. */
class TokenSessionOfflineTest {
  private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
  private static final String PAT = "pat-Wd8qSECRET";

  private final FakeClock clock = new FakeClock(T0);
  private final TokenStore store = TokenStore.memory();

  private TokenSession.Builder session() {
    return TokenSession.builder().store(store).clock(clock).executor(Runnable::run);
  }

  @Test
  void token_noGrantEmptyStore_noCredentials() throws IOException {
    TokenSession s = session().build();

    assertThat(s.hasCredentials()).isFalse();
    assertThatThrownBy(s::token)
        .isInstanceOf(NoCredentialsException.class)
        .hasMessage("no credentials configured: no grant, and no tokens in memory; sign in first");
    assertThatThrownBy(s::requireCredentials)
        .isInstanceOf(NoCredentialsException.class)
        .hasMessageContaining("sign in first");
  }

  @Test
  void hasCredentials_noGrantButStoredTokens_true() throws IOException {
    store.save(TokenSet.builder("a").issuedAt(T0).build());
    TokenSession s = session().build();

    assertThat(s.hasCredentials()).isTrue();
    s.requireCredentials();
  }

  @Test
  void token_staticTokenWithoutEndpoint_handedOutAndStored() throws IOException {
    TokenSession s = session().grant(Grant.staticToken(PAT)).build();

    TokenSet t = s.token();

    assertThat(t.accessToken()).isEqualTo(PAT);
    assertThat(t.expiresAt()).isEmpty();
    assertThat(s.authorizationHeader()).isEqualTo("Bearer " + PAT);
    assertThat(store.load()).contains(t);
    assertThat(s.toString()).doesNotContain(PAT);
  }

  @Test
  void token_staticTokenExpiredInThePast_loginRequired() throws IOException {
    Instant past = T0.minusSeconds(1);
    TokenSession s = session().grant(Grant.staticToken(PAT).expiringAt(past)).build();

    assertThatThrownBy(s::token)
        .isInstanceOf(LoginRequiredException.class)
        .hasMessage("the static token expired at " + past + "; create a new one");
    assertThat(store.load()).isEmpty();
  }

  @Test
  void token_staticTokenExpiresLater_loginRequiredOnceClockPassesIt() throws IOException {
    Instant expiry = T0.plus(Duration.ofHours(1));
    TokenSession s = session().grant(Grant.staticToken(PAT).expiringAt(expiry)).build();
    assertThat(s.accessToken()).isEqualTo(PAT);

    clock.set(expiry);

    assertThatThrownBy(s::token)
        .isInstanceOf(LoginRequiredException.class)
        .hasMessageEndingWith("sign in again")
        .hasMessageNotContaining(PAT);
  }

  @Test
  void token_listenerThrows_sessionUnharmedAndOtherListenersTold() throws IOException {
    List<TokenSet> told = new CopyOnWriteArrayList<>();
    TokenSession s =
        session()
            .grant(Grant.staticToken(PAT))
            .listener(
                tokens -> {
                  throw new IllegalStateException("listener bug");
                })
            .listener(told::add)
            .build();

    TokenSet t = s.token();

    assertThat(t.accessToken()).isEqualTo(PAT);
    assertThat(told).containsExactly(t);
    assertThat(s.token()).isSameAs(t);
    assertThat(told).hasSize(1);
  }

  @Test
  void clear_afterTokens_storeAndSessionEmpty() throws IOException {
    store.save(TokenSet.builder("a").issuedAt(T0).expiresAt(T0.plusSeconds(300)).build());
    TokenSession s = session().build();
    assertThat(s.accessToken()).isEqualTo("a");

    s.clear();

    assertThat(store.load()).isEmpty();
    assertThat(s.current()).isEmpty();
    assertThat(s.hasCredentials()).isFalse();
    assertThatThrownBy(s::token).isInstanceOf(NoCredentialsException.class);
  }

  @Test
  void token_storedTokensNoExpiry_handedOutWithoutGrant() throws IOException {
    TokenSet pat = TokenSet.builder("a").issuedAt(T0).build();
    store.save(pat);
    TokenSession s = session().build();

    assertThat(s.token()).isSameAs(pat);
    clock.advance(Duration.ofDays(3650));
    assertThat(s.token()).isSameAs(pat);
  }
}
