package dev.lanyard.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.Scope;
import dev.lanyard.internal.grant.TokenRequests;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class GrantTest {
  private static final String PASSWORD = "pw-Hj4kUNIQUE";
  private static final String CODE = "918273";
  private static final String REFRESH = "rt-Mn5bUNIQUE";
  private static final String PAT = "pat-Lp0cUNIQUE";

  /** The form a session sends for {@code g}, drawn now. */
  private static Map<String, String> form(Grant g) {
    return TokenRequests.of(g).form();
  }

  private static boolean replayable(Grant g) {
    return TokenRequests.of(g).replayable();
  }

  @Test
  void clientCredentials_withScope_grantTypeAndScope() {
    ClientCredentialsGrant g = Grant.clientCredentials(Scope.of("read write"));
    assertThat(form(g))
        .containsExactly(
            Map.entry("grant_type", "client_credentials"), Map.entry("scope", "read write"));
    assertThat(g.canReauthenticate()).isTrue();
    assertThat(replayable(g)).isTrue();
  }

  @Test
  void clientCredentials_defaultScope_noScopeParameter() {
    assertThat(form(Grant.clientCredentials()))
        .containsExactly(Map.entry("grant_type", "client_credentials"));
  }

  @Test
  void password_withoutCode_noTotpAndCanReauthenticate() {
    PasswordGrant g = Grant.password("alice", PASSWORD).withScope(Scope.of("openid"));
    assertThat(form(g))
        .containsExactly(
            Map.entry("grant_type", "password"),
            Map.entry("username", "alice"),
            Map.entry("password", PASSWORD),
            Map.entry("scope", "openid"));
    assertThat(g.canReauthenticate()).isTrue();
  }

  @Test
  void password_fixedOneTimeCode_sentAsTotpButCannotReauthenticate() {
    PasswordGrant g = Grant.password("alice", PASSWORD).withOneTimeCode(CODE);
    assertThat(form(g)).containsEntry("totp", CODE);
    assertThat(g.canReauthenticate()).isFalse();
  }

  @Test
  void password_codeSupplier_freshCodePerRequestAndCanReauthenticate() {
    AtomicInteger n = new AtomicInteger();
    Supplier<String> codes = () -> "code-" + n.incrementAndGet();
    PasswordGrant g = Grant.password("alice", PASSWORD).withOneTimeCode(codes);
    assertThat(form(g)).containsEntry("totp", "code-1");
    assertThat(form(g)).containsEntry("totp", "code-2");
    assertThat(g.canReauthenticate()).isTrue();
  }

  @Test
  void password_blankUsernameOrEmptyPassword_refused() {
    assertThatThrownBy(() -> Grant.password(" ", PASSWORD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("username must not be blank");
    assertThatThrownBy(() -> Grant.password("alice", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("password must not be empty");
  }

  @Test
  void refreshToken_parameters_notReplayableCannotReauthenticate() {
    RefreshTokenGrant g = Grant.refreshToken(REFRESH).withScope(Scope.of("openid"));
    assertThat(form(g))
        .containsExactly(
            Map.entry("grant_type", "refresh_token"),
            Map.entry("refresh_token", REFRESH),
            Map.entry("scope", "openid"));
    assertThat(replayable(g)).isFalse();
    assertThat(g.canReauthenticate()).isFalse();
  }

  @Test
  void staticToken_expiry_keptAndCannotReauthenticate() {
    Instant at = Instant.parse("2030-01-01T00:00:00Z");
    StaticTokenGrant g = Grant.staticToken(PAT).expiringAt(at);
    assertThat(g.token().get()).isEqualTo(PAT);
    assertThat(g.expiresAt()).contains(at);
    assertThat(Grant.staticToken(PAT).expiresAt()).isEmpty();
    assertThat(g.canReauthenticate()).isFalse();
  }

  @Test
  void toString_everyGrant_showsNoSecret() {
    AtomicInteger calls = new AtomicInteger();
    Supplier<String> codes = () -> CODE + calls.incrementAndGet();
    assertThat(
            String.join(
                "\n",
                Grant.clientCredentials(Scope.of("read")).toString(),
                Grant.password("alice", PASSWORD).toString(),
                Grant.password("alice", PASSWORD).withOneTimeCode(CODE).toString(),
                Grant.password("alice", PASSWORD).withOneTimeCode(codes).toString(),
                Grant.refreshToken(REFRESH).toString(),
                Grant.staticToken(PAT).toString(),
                Grant.staticToken(PAT).expiringAt(Instant.EPOCH).toString()))
        .doesNotContain(PASSWORD, CODE, REFRESH, PAT, "UNIQUE")
        .contains("alice", "[redacted]");
    assertThat(calls).as("toString must not draw a one-time code").hasValue(0);
  }
}
