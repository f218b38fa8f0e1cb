package dev.lanyard.httpclient5;

import static dev.lanyard.http.ScriptedApi.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.NoCredentialsException;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.http.ScriptedApi;
import dev.lanyard.http.SessionAuthorizer;
import dev.lanyard.session.TokenSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LanyardHttpClient5Test {
  private ScriptedApi api;
  private TokenSession session;
  private CloseableHttpClient client;

  @BeforeEach
  void start() throws IOException {
    api = new ScriptedApi();
    session = api.session();
    client = LanyardHttpClient5.install(HttpClients.custom(), session).build();
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    api.close();
  }

  private HttpGet get() {
    return new HttpGet(api.api());
  }

  private static Answer call(CloseableHttpClient client, ClassicHttpRequest request)
      throws IOException {
    return client.execute(
        request,
        r ->
            new Answer(
                r.getCode(), r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity())));
  }

  record Answer(int code, String body) {}

  @Test
  void execute_anyRequest_bearerOfTheSessionReplacingTheCallersHeader() throws Exception {
    HttpGet request = get();
    request.setHeader("Authorization", "Bearer mine");
    assertThat(call(client, request).code()).isEqualTo(200);
    assertThat(api.authorizations()).containsExactly("Bearer token-1");
  }

  @Test
  void execute_401InvalidToken_oneRefreshThenRetriedWithNewToken() throws Exception {
    api.then(unauthorized("Bearer error=\"invalid_token\"", "expired"));
    assertThat(call(client, get())).isEqualTo(new Answer(200, "ok"));
    assertThat(api.authorizations()).containsExactly("Bearer token-1", "Bearer token-2");
    assertThat(api.tokensIssued()).isEqualTo(2);
  }

  @Test
  void execute_401Twice_secondReturnedAsItIsNoLoop() throws Exception {
    api.then(unauthorized("Bearer", "first"), unauthorized("Bearer", "second"));
    assertThat(call(client, get())).isEqualTo(new Answer(401, "second"));
    assertThat(api.apiRequests()).hasSize(2);
    assertThat(api.tokensIssued()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bearer error=\"insufficient_scope\", scope=\"admin\"",
        "Bearer realm=\"lab\", error=\"invalid_request\""
      })
  void execute_401NotCuredByRefresh_returnedWithoutRefreshOrRetry(String challenge)
      throws Exception {
    api.then(unauthorized(challenge, "no"));
    assertThat(call(client, get())).isEqualTo(new Answer(401, "no"));
    assertThat(api.apiRequests()).hasSize(1);
    assertThat(api.tokensIssued()).isEqualTo(1);
  }

  @Test
  void execute_401WithRepeatableEntity_sameBodySentAgain() throws Exception {
    api.then(unauthorized("Bearer", ""));
    HttpPost post = new HttpPost(api.api());
    post.setEntity(new StringEntity("payload", ContentType.TEXT_PLAIN));
    assertThat(call(client, post).code()).isEqualTo(200);
    assertThat(api.apiRequests())
        .extracting(r -> r.getBody().utf8())
        .containsExactly("payload", "payload");
  }

  @Test
  void execute_401WithStreamedEntity_returnedWithoutRefreshOrRetry() throws Exception {
    api.then(unauthorized("Bearer", "no replay"));
    HttpPost post = new HttpPost(api.api());
    byte[] bytes = "stream".getBytes(StandardCharsets.UTF_8);
    post.setEntity(
        new InputStreamEntity(new ByteArrayInputStream(bytes), -1, ContentType.TEXT_PLAIN));
    assertThat(call(client, post)).isEqualTo(new Answer(401, "no replay"));
    assertThat(api.apiRequests()).hasSize(1);
    assertThat(api.tokensIssued()).isEqualTo(1);
  }

  @Test
  void execute_401AfterAnotherCallerRefreshed_retriedWithItsTokenWithoutRefreshing()
      throws Exception {
    api.then(unauthorized("Bearer error=\"invalid_token\"", ""));
    session.token(); // token-1
    api.beforeApiAnswer(
        () -> {
          try {
            session.forceRefresh("token-1"); // another caller's 401: token-2
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          api.beforeApiAnswer(() -> {});
        });
    assertThat(call(client, get()).code()).isEqualTo(200);
    assertThat(api.authorizations()).containsExactly("Bearer token-1", "Bearer token-2");
    assertThat(api.tokensIssued()).isEqualTo(2);
  }

  @Test
  void execute_refreshFails_providerErrorThrownInsteadOfThe401() throws Exception {
    session.token();
    api.refuseTokens();
    api.then(unauthorized("Bearer", ""));
    assertThatThrownBy(() -> call(client, get())).isInstanceOf(ProviderErrorException.class);
    assertThat(api.apiRequests()).hasSize(1);
  }

  @Test
  void execute_noCredentials_failsFastAndNothingIsSent() throws Exception {
    try (CloseableHttpClient anonymous =
        LanyardHttpClient5.install(HttpClients.custom(), TokenSession.builder().build()).build()) {
      assertThatThrownBy(() -> call(anonymous, get()))
          .isInstanceOf(NoCredentialsException.class)
          .hasMessageStartingWith("no credentials configured");
    }
    assertThat(api.apiRequests()).isEmpty();
  }

  @Test
  void execute_basicBridge_exactHeaderAndRetriedWithTheNewToken() throws Exception {
    try (CloseableHttpClient bridge =
        LanyardHttpClient5.install(
                HttpClients.custom(), SessionAuthorizer.basic(session, "__oauth__"))
            .build()) {
      api.then(unauthorized("Basic realm=\"soap\"", ""));
      assertThat(call(bridge, get()).code()).isEqualTo(200);
    }
    // base64("__oauth__:token-1"), base64("__oauth__:token-2")
    assertThat(api.authorizations())
        .containsExactly("Basic X19vYXV0aF9fOnRva2VuLTE=", "Basic X19vYXV0aF9fOnRva2VuLTI=");
  }
}
