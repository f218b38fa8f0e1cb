package dev.lanyard.internal.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import dev.lanyard.grant.Grant;
import dev.lanyard.grant.PasswordGrant;
import dev.lanyard.grant.TokenExchangeGrant;
import dev.lanyard.grant.TokenType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The wire form of the public grants: the exact form each one sends, secrets drawn only when a
 * request is made, and nothing secret in any {@code toString()}.
 */
class TokenRequestsTest {
  private static final String PASSWORD = "pw-Hj4kUNIQUE";
  private static final String REFRESH = "rt-Mn5bUNIQUE";
  private static final String SUBJECT = "subj-Qw7UNIQUE";

  @Test
  void grantTypes_theRegisteredValues() {
    assertThat(
            List.of(
                GrantType.AUTHORIZATION_CODE,
                GrantType.CLIENT_CREDENTIALS,
                GrantType.PASSWORD,
                GrantType.REFRESH_TOKEN,
                GrantType.DEVICE_CODE,
                GrantType.TOKEN_EXCHANGE))
        .extracting(GrantType::uri)
        .containsExactly(
            "authorization_code",
            "client_credentials",
            "password",
            "refresh_token",
            "urn:ietf:params:oauth:grant-type:device_code",
            "urn:ietf:params:oauth:grant-type:token-exchange");
  }

  @Test
  void password_withCodeAndScope_exactFormInOrder() {
    PasswordGrant g =
        Grant.password("alice", PASSWORD).withScope(Scope.of("openid")).withOneTimeCode("123456");
    TokenRequest r = TokenRequests.of(g);
    assertThat(r.form())
        .containsExactly(
            Map.entry("grant_type", "password"),
            Map.entry("username", "alice"),
            Map.entry("password", PASSWORD),
            Map.entry("scope", "openid"),
            Map.entry("totp", "123456"));
    assertThat(r.grantType()).isEqualTo(GrantType.PASSWORD);
    assertThat(r.scope()).isEqualTo(Scope.of("openid"));
    assertThat(r.replayable()).isTrue();
  }

  @Test
  void refresh_sessionRefresh_exactFormNotReplayable() {
    TokenRequest r = TokenRequests.refresh(REFRESH, Scope.of("openid"));
    assertThat(r.form())
        .containsExactly(
            Map.entry("grant_type", "refresh_token"),
            Map.entry("refresh_token", REFRESH),
            Map.entry("scope", "openid"));
    assertThat(r.replayable()).isFalse();
    assertThatThrownBy(() -> TokenRequests.refresh("", Scope.EMPTY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("refreshToken must not be empty");
  }

  @Test
  void staticToken_neverSent_refused() {
    assertThatThrownBy(() -> TokenRequests.of(Grant.staticToken("pat-1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "StaticToken{token=[redacted], expiresAt=never} is not sent to a token endpoint");
  }

  @Test
  void suppliers_notAskedByFactoriesAccessorsOrToString_askedOncePerRequest() {
    AtomicInteger codes = new AtomicInteger();
    AtomicInteger subjects = new AtomicInteger();
    AtomicInteger actors = new AtomicInteger();
    PasswordGrant password =
        Grant.password("alice", PASSWORD).withOneTimeCode(() -> "c" + codes.incrementAndGet());
    TokenExchangeGrant exchange =
        Grant.tokenExchange(() -> "s" + subjects.incrementAndGet())
            .withActorToken(() -> "a" + actors.incrementAndGet(), TokenType.ACCESS_TOKEN)
            .withAudience("lab-api");
    String shown =
        password
            + " "
            + password.oneTimeCode()
            + " "
            + exchange
            + " "
            + exchange.subjectToken()
            + exchange.actorToken();
    assertThat(shown).doesNotContain(PASSWORD);
    assertThat(List.of(codes.get(), subjects.get(), actors.get())).containsOnly(0);

    assertThat(TokenRequests.of(password).form()).containsEntry("totp", "c1");
    assertThat(TokenRequests.of(exchange).form())
        .containsEntry("subject_token", "s1")
        .containsEntry("actor_token", "a1");
    assertThat(List.of(codes.get(), subjects.get(), actors.get())).containsOnly(1);
  }

  @Test
  void suppliersGiveNothing_exactErrors() {
    Supplier<String> none = () -> "";
    assertThatThrownBy(
            () -> TokenRequests.of(Grant.password("alice", PASSWORD).withOneTimeCode(none)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the one-time code supplier gave no code");
    assertThatThrownBy(
            () ->
                TokenRequests.of(Grant.tokenExchange(SUBJECT).withActorToken(none, TokenType.JWT)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the actor token supplier gave no token");
  }

  @Test
  void tokenRequest_toString_namesParametersShowsNoValue() {
    String shown =
        TokenRequests.of(Grant.password("alice", PASSWORD).withOneTimeCode("918273")).toString()
            + TokenRequests.of(Grant.refreshToken(REFRESH)).toString()
            + TokenRequests.of(Grant.tokenExchange(SUBJECT)).toString();
    assertThat(shown)
        .doesNotContain(PASSWORD, "918273", REFRESH, SUBJECT, "UNIQUE")
        .contains("grant_type=password", "password", "totp", "refresh_token", "subject_token");
  }

  @Test
  void keepingRefreshToken_answerWithoutOne_keepsPresentedOnlyForRefreshGrants() {
    TokenSet bare = TokenSet.builder("access-2").build();
    TokenSet rotated = TokenSet.builder("access-2").refreshToken("rt-2").build();
    TokenRequest refresh = TokenRequests.of(Grant.refreshToken(REFRESH));

    assertThat(refresh.keepingRefreshToken(bare).refreshToken()).contains(REFRESH);
    assertThat(refresh.keepingRefreshToken(rotated).refreshToken()).contains("rt-2");
    assertThat(TokenRequests.of(Grant.clientCredentials()).keepingRefreshToken(bare))
        .isSameAs(bare);
  }

  @Test
  void tokenRequest_grantTypeAsParameter_refused() {
    assertThatThrownBy(
            () ->
                new TokenRequest(
                    GrantType.PASSWORD, Map.of("grant_type", "password"), Scope.EMPTY, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("grant_type is the grantType, not a parameter");
  }
}
