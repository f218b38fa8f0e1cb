package dev.lanyard.session;

import static dev.lanyard.session.ScriptedTokenEndpoint.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.LoginRequiredException;
import dev.lanyard.TokenSet;
import dev.lanyard.grant.Grant;
import dev.lanyard.store.TokenStore;
import dev.lanyard.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** A grant defined as data goes through the session like a built-in one. */
@Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
class TokenSessionExtensionGrantTest {
  private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  private static final String JWT_BEARER_FORM =
      "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=";

  private final FakeClock clock = new FakeClock(T0);
  private final TokenStore store = TokenStore.memory();
  private final AtomicInteger assertions = new AtomicInteger();
  private ScriptedTokenEndpoint endpoint;

  @BeforeEach
  void start() throws Exception {
    endpoint = new ScriptedTokenEndpoint();
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private TokenSession session(boolean reauthenticates) {
    Grant grant =
        Grant.extension(JWT_BEARER)
            .withSecret("assertion", () -> "a" + assertions.incrementAndGet())
            .withReauthentication(reauthenticates);
    return endpoint.session(store, clock).grant(grant).build();
  }

  @Test
  void token_64CallersNoTokens_oneGrantRequest_tokensStored() throws Exception {
    TokenSession s = session(true);
    endpoint.hold();
    try (Callers<TokenSet> callers = new Callers<>(64, s::token)) {
      endpoint.awaitRequest();
      callers.awaitAllParked();
      endpoint.release();
      assertThat(callers.results()).extracting(TokenSet::accessToken).containsOnly("at-1");
    }
    assertThat(endpoint.forms()).containsExactly(JWT_BEARER_FORM + "a1&client_id=app");
    assertThat(store.load().orElseThrow().refreshToken()).contains("rt-1");
  }

  @Test
  void expiry_refreshesWithItsRefreshToken_thenSendsTheGrantAgainWhenTheRefreshTokenDies()
      throws Exception {
    TokenSession s = session(true);
    assertThat(s.token().accessToken()).isEqualTo("at-1");

    clock.advance(Duration.ofSeconds(400));
    assertThat(s.token().accessToken()).isEqualTo("at-2");

    clock.advance(Duration.ofSeconds(400));
    endpoint.refuseNext();
    assertThat(s.token().accessToken()).isEqualTo("at-3");

    List<String> forms = endpoint.forms();
    assertThat(forms).hasSize(4);
    assertThat(forms.get(0)).isEqualTo(JWT_BEARER_FORM + "a1&client_id=app");
    assertThat(forms.get(1)).isEqualTo("grant_type=refresh_token&refresh_token=rt-1&client_id=app");
    assertThat(forms.get(2)).isEqualTo("grant_type=refresh_token&refresh_token=rt-2&client_id=app");
    assertThat(forms.get(3))
        .as("a fresh assertion")
        .isEqualTo(JWT_BEARER_FORM + "a2&client_id=app");
  }

  @Test
  void grantGoodOnce_refreshTokenDies_loginRequired_storedTokensNotReplacedByNothing()
      throws Exception {
    TokenSession s = session(false);
    assertThat(s.token().accessToken()).isEqualTo("at-1");
    clock.advance(Duration.ofSeconds(400));
    endpoint.refuseNext();
    assertThatThrownBy(s::token)
        .isInstanceOf(LoginRequiredException.class)
        .hasMessageContaining("invalid_grant");
    assertThat(endpoint.forms()).hasSize(2);
    assertThat(assertions).as("the grant was not sent again").hasValue(1);
  }
}
