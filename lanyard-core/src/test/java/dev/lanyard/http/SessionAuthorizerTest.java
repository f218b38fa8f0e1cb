package dev.lanyard.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.NoCredentialsException;
import dev.lanyard.TokenSet;
import dev.lanyard.grant.Grant;
import dev.lanyard.session.TokenSession;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bearer and the Basic bridge on a session: headers, the hot path, and the 401 rules. */
class SessionAuthorizerTest {
  private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln";
  private static final URI API = URI.create("https://api.example.org/x");
  private final TokenSession session = TokenSession.builder().grant(Grant.staticToken(JWT)).build();

  private static String header(Authorization a) {
    return a.headers().get("Authorization");
  }

  @Test
  void authorize_bearer_headerOfTheSessionsToken() throws Exception {
    Authorization a = RequestAuthorizer.bearer(session).authorize("GET", API);
    assertThat(a.headers()).containsExactly(Map.entry("Authorization", "Bearer " + JWT));
    assertThat(a.uri()).isEmpty();
  }

  @Test
  void authorize_sameToken_sameInstanceNoAllocation() throws Exception {
    RequestAuthorizer basic = RequestAuthorizer.basic(session, "__oauth__");
    assertThat(basic.authorize("GET", API)).isSameAs(basic.authorize("POST", API));
    RequestAuthorizer bearer = RequestAuthorizer.bearer(session);
    assertThat(bearer.authorize("GET", API)).isSameAs(bearer.authorize("GET", API));
  }

  @Test
  void authorize_basicBridge_base64OfLoginColonJwt() throws Exception {
    Authorization a = RequestAuthorizer.basic(session, "__oauth__").authorize("GET", API);
    assertThat(header(a))
        .isEqualTo(
            "Basic X19vYXV0aF9fOmV5SmhiR2NpT2lKU1V6STFOaUo5LmV5SnpkV0lpT2lKaGJHbGpaU0o5LmMybG4=");
  }

  @Test
  void authorize_noCredentials_noCredentialsException() {
    RequestAuthorizer none = RequestAuthorizer.bearer(TokenSession.builder().build());
    assertThatThrownBy(() -> none.authorize("GET", API))
        .isInstanceOf(NoCredentialsException.class)
        .hasMessageStartingWith("no credentials configured");
  }

  @Test
  void toString_neverTheToken() throws Exception {
    Authorization a = RequestAuthorizer.basic(session, "__oauth__").authorize("GET", API);
    assertThat(a.toString()).isEqualTo("Authorization{headers=[Authorization]}");
    assertThat(RequestAuthorizer.basic(session, "__oauth__").toString())
        .isEqualTo("RequestAuthorizer{Basic __oauth__}");
    assertThat(RequestAuthorizer.bearer(session).toString()).isEqualTo("RequestAuthorizer{Bearer}");
  }

  @Test
  void accessToken_bearer_tokenAfterTheScheme() {
    SessionAuthorizer.Bearer bearer = new SessionAuthorizer.Bearer(session);
    assertThat(bearer.accessToken("Bearer abc")).contains("abc");
    assertThat(bearer.accessToken("Bearer")).isEmpty();
    assertThat(bearer.accessToken("Bearer  ")).isEmpty();
  }

  @Test
  void accessToken_basic_tokenOnlyWithTheSameLogin() {
    SessionAuthorizer.Basic basic = new SessionAuthorizer.Basic(session, "__oauth__");
    assertThat(basic.accessToken(BasicBridge.encode("__oauth__", JWT))).contains(JWT);
    assertThat(basic.accessToken(BasicBridge.encode("alice", JWT))).isEmpty();
    assertThat(basic.accessToken("Bearer " + JWT)).isEmpty();
    assertThat(basic.accessToken("Basic %%%")).isEmpty();
  }

  @Test
  void basic_loginWithColon_refusedWithExactMessage() {
    assertThatThrownBy(() -> RequestAuthorizer.basic(session, "a:b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("login must not contain ':', was a:b");
    assertThatThrownBy(() -> RequestAuthorizer.basic(session, ""))
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
    assertThat(Challenges.isRefreshCase(401, List.of(challenge))).isTrue();
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
    assertThat(Challenges.isRefreshCase(401, List.of(challenge))).isFalse();
  }

  @Test
  void isRefreshCase_severalHeaders_anyNoCureWins() {
    assertThat(
            Challenges.isRefreshCase(
                401, List.of("Basic realm=\"x\"", "Bearer error=\"insufficient_scope\"")))
        .isFalse();
    assertThat(Challenges.isRefreshCase(401, List.of())).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 400, 403, 407, 500})
  void isRefreshCase_not401_false(int status) {
    assertThat(Challenges.isRefreshCase(status, List.of("Bearer error=\"invalid_token\"")))
        .isFalse();
  }

  @Test
  void reauthorize_rejectedTokenNotCurrent_currentTokenWithoutRefresh() throws Exception {
    RequestAuthorizer bearer = RequestAuthorizer.bearer(session);
    Authorization first = bearer.authorize("GET", API);
    TokenSet current = session.current().orElseThrow();
    Authorization old = Authorization.of(Map.of("Authorization", "Bearer old"));
    Authorization retry = bearer.reauthorize("GET", API, old, ResponseHead.of(401, Map.of()));
    assertThat(header(retry)).isEqualTo("Bearer " + current.accessToken());
    assertThat(retry).isSameAs(first);
  }

  @Test
  void retryMayHelp_theRefreshCases() {
    RequestAuthorizer bearer = RequestAuthorizer.bearer(session);
    Authorization sent = Authorization.of(Map.of("Authorization", "Bearer " + JWT));
    assertThat(bearer.retryMayHelp(sent, ResponseHead.of(401, Map.of()))).isTrue();
    assertThat(
            bearer.retryMayHelp(
                sent,
                ResponseHead.of(
                    401, Map.of("www-authenticate", List.of("Bearer error=insufficient_scope")))))
        .isFalse();
    assertThat(bearer.retryMayHelp(sent, ResponseHead.of(403, Map.of()))).isFalse();
  }
}
