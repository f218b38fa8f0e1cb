package dev.lanyard.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.NoCredentialsException;
import dev.lanyard.TokenSet;
import dev.lanyard.grant.Grant;
import dev.lanyard.session.TokenSession;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionAuthorizerTest {
  private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln";
  private final TokenSession session = TokenSession.builder().grant(Grant.staticToken(JWT)).build();

  @Test
  void authorize_bearer_headerOfTheSessionsToken() throws Exception {
    AuthorizationHeader h = SessionAuthorizer.bearer(session).authorize();
    assertThat(h.value()).isEqualTo("Bearer " + JWT);
    assertThat(h.accessToken()).isEqualTo(JWT);
    assertThat(h.scheme()).isEqualTo("Bearer");
  }

  @Test
  void authorize_sameToken_sameInstanceNoAllocation() throws Exception {
    SessionAuthorizer basic = SessionAuthorizer.basic(session, "__oauth__");
    assertThat(basic.authorize()).isSameAs(basic.authorize());
  }

  @Test
  void authorize_basicBridge_base64OfLoginColonJwt() throws Exception {
    AuthorizationHeader h = SessionAuthorizer.basic(session, "__oauth__").authorize();
    assertThat(h.value())
        .isEqualTo(
            "Basic X19vYXV0aF9fOmV5SmhiR2NpT2lKU1V6STFOaUo5LmV5SnpkV0lpT2lKaGJHbGpaU0o5LmMybG4=");
    assertThat(h.accessToken()).isEqualTo(JWT);
  }

  @Test
  void authorize_noCredentials_noCredentialsException() {
    SessionAuthorizer none = SessionAuthorizer.bearer(TokenSession.builder().build());
    assertThatThrownBy(none::authorize)
        .isInstanceOf(NoCredentialsException.class)
        .hasMessageStartingWith("no credentials configured");
  }

  @Test
  void toString_neverTheToken() throws Exception {
    AuthorizationHeader h = SessionAuthorizer.basic(session, "__oauth__").authorize();
    assertThat(h.toString()).isEqualTo("AuthorizationHeader{Basic [redacted]}");
    assertThat(SessionAuthorizer.basic(session, "__oauth__").toString())
        .isEqualTo("SessionAuthorizer{Basic __oauth__}");
  }

  @Test
  void recognize_bearer_tokenOfBearerHeadersOnly() {
    SessionAuthorizer bearer = SessionAuthorizer.bearer(session);
    assertThat(bearer.recognize("Bearer abc"))
        .map(AuthorizationHeader::accessToken)
        .contains("abc");
    assertThat(bearer.recognize("Basic X19vYXV0aF9fOmFiYw==")).isEmpty();
    assertThat(bearer.recognize(null)).isEmpty();
    assertThat(bearer.recognize("Bearer")).isEmpty();
  }

  @Test
  void recognize_basic_tokenOnlyWithTheSameLogin() {
    SessionAuthorizer basic = SessionAuthorizer.basic(session, "__oauth__");
    assertThat(basic.recognize(BasicBridge.encode("__oauth__", JWT)))
        .map(AuthorizationHeader::accessToken)
        .contains(JWT);
    assertThat(basic.recognize(BasicBridge.encode("alice", JWT))).isEmpty();
    assertThat(basic.recognize("Bearer " + JWT)).isEmpty();
    assertThat(basic.recognize("Basic %%%")).isEmpty();
  }

  @Test
  void basic_loginWithColon_refusedWithExactMessage() {
    assertThatThrownBy(() -> SessionAuthorizer.basic(session, "a:b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("login must not contain ':', was a:b");
    assertThatThrownBy(() -> SessionAuthorizer.basic(session, ""))
        .hasMessage("login must not be empty");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bearer",
        "Bearer realm=\"lab\"",
        "Bearer error=\"invalid_token\", error_description=\"The access token expired\"",
        "Basic realm=\"soap\"",
        "Negotiate dXNlcjpwYXNz==",
        "Bearer error_description=\"insufficient_scope\"",
        "Basic realm=\"error=insufficient_scope\"",
        "garbage ,,, = \""
      })
  void isRefreshCase_401MayBeCuredByANewToken_true(String challenge) {
    assertThat(SessionAuthorizer.isRefreshCase(401, List.of(challenge))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bearer error=\"insufficient_scope\"",
        "bearer realm=\"lab\", ERROR=\"insufficient_scope\", scope=\"admin\"",
        "Bearer error=invalid_request",
        "Basic realm=\"soap\", Bearer realm=\"lab\", error=\"insufficient_scope\"",
        "Bearer error=\"Insufficient_Scope\""
      })
  void isRefreshCase_scopeOrRequestError_false(String challenge) {
    assertThat(SessionAuthorizer.isRefreshCase(401, List.of(challenge))).isFalse();
  }

  @Test
  void isRefreshCase_severalHeaders_anyNoCureWins() {
    assertThat(
            SessionAuthorizer.isRefreshCase(
                401, List.of("Basic realm=\"x\"", "Bearer error=\"insufficient_scope\"")))
        .isFalse();
    assertThat(SessionAuthorizer.isRefreshCase(401, List.of())).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 400, 403, 407, 500})
  void isRefreshCase_not401_false(int status) {
    assertThat(SessionAuthorizer.isRefreshCase(status, List.of("Bearer error=\"invalid_token\"")))
        .isFalse();
  }

  @Test
  void reauthorize_rejectedTokenNotCurrent_currentTokenWithoutRefresh() throws Exception {
    SessionAuthorizer bearer = SessionAuthorizer.bearer(session);
    bearer.authorize();
    TokenSet current = session.current().orElseThrow();
    AuthorizationHeader retry = bearer.reauthorize(new AuthorizationHeader("Bearer old", "old"));
    assertThat(retry.accessToken()).isEqualTo(current.accessToken());
  }
}
