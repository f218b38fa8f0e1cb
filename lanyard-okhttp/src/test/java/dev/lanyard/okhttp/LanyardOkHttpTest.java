package dev.lanyard.okhttp;

import static dev.lanyard.http.ScriptedApi.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.NoCredentialsException;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.http.ScriptedApi;
import dev.lanyard.http.SessionAuthorizer;
import dev.lanyard.session.TokenSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LanyardOkHttpTest {
  private ScriptedApi api;
  private TokenSession session;
  private OkHttpClient client;

  @BeforeEach
  void start() throws IOException {
    api = new ScriptedApi();
    session = api.session();
    client = LanyardOkHttp.install(new OkHttpClient.Builder(), session).build();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private Request get() {
    return new Request.Builder().url(api.api().toString()).build();
  }

  private static Answer call(OkHttpClient client, Request request) throws IOException {
    try (Response r = client.newCall(request).execute()) {
      return new Answer(r.code(), r.body().string());
    }
  }

  record Answer(int code, String body) {}

  @Test
  void call_anyRequest_bearerOfTheSessionReplacingTheCallersHeader() throws Exception {
    Request request = get().newBuilder().header("Authorization", "Bearer mine").build();
    assertThat(call(client, request).code()).isEqualTo(200);
    assertThat(api.authorizations()).containsExactly("Bearer token-1");
  }

  @Test
  void call_401InvalidToken_oneRefreshThenRetriedWithNewToken() throws Exception {
    api.then(unauthorized("Bearer error=\"invalid_token\"", "expired"));
    assertThat(call(client, get())).isEqualTo(new Answer(200, "ok"));
    assertThat(api.authorizations()).containsExactly("Bearer token-1", "Bearer token-2");
    assertThat(api.tokensIssued()).isEqualTo(2);
  }

  @Test
  void call_401Twice_secondReturnedAsItIsNoLoop() throws Exception {
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
  void call_401NotCuredByRefresh_returnedWithoutRefreshOrRetry(String challenge) throws Exception {
    api.then(unauthorized(challenge, "no"));
    assertThat(call(client, get())).isEqualTo(new Answer(401, "no"));
    assertThat(api.apiRequests()).hasSize(1);
    assertThat(api.tokensIssued()).isEqualTo(1);
  }

  @Test
  void call_401WithRepeatableBody_sameBodySentAgain() throws Exception {
    api.then(unauthorized("Bearer", ""));
    Request post =
        get().newBuilder().post(RequestBody.create("payload", MediaType.get("text/plain"))).build();
    assertThat(call(client, post).code()).isEqualTo(200);
    assertThat(api.apiRequests())
        .extracting(r -> r.getBody().utf8())
        .containsExactly("payload", "payload");
  }

  @Test
  void call_401WithOneShotBody_returnedWithoutRefreshOrRetry() throws Exception {
    api.then(unauthorized("Bearer", "no replay"));
    Request post = get().newBuilder().post(new OneShot()).build();
    assertThat(call(client, post)).isEqualTo(new Answer(401, "no replay"));
    assertThat(api.apiRequests()).hasSize(1);
    assertThat(api.tokensIssued()).isEqualTo(1);
  }

  @Test
  void call_401AfterAnotherCallerRefreshed_retriedWithItsTokenWithoutRefreshing() throws Exception {
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
  void call_refreshFails_callFailsWithTheProviderError() throws Exception {
    session.token();
    api.refuseTokens();
    api.then(unauthorized("Bearer", ""));
    assertThatThrownBy(() -> call(client, get())).isInstanceOf(ProviderErrorException.class);
    assertThat(api.apiRequests()).hasSize(1);
  }

  @Test
  void call_noCredentials_failsFastAndNothingIsSent() {
    OkHttpClient anonymous =
        LanyardOkHttp.install(new OkHttpClient.Builder(), TokenSession.builder().build()).build();
    assertThatThrownBy(() -> call(anonymous, get()))
        .isInstanceOf(NoCredentialsException.class)
        .hasMessageStartingWith("no credentials configured");
    assertThat(api.apiRequests()).isEmpty();
  }

  @Test
  void authenticatorAlone_requestWithoutTheSessionsToken_401ReturnedAndNoTokenSent()
      throws Exception {
    OkHttpClient bare =
        new OkHttpClient.Builder()
            .authenticator(LanyardOkHttp.authenticator(SessionAuthorizer.bearer(session)))
            .build();
    api.then(unauthorized("Bearer", "who"));
    assertThat(call(bare, get())).isEqualTo(new Answer(401, "who"));
    assertThat(api.authorizations()).containsExactly((String) null);
    assertThat(api.tokensIssued()).isZero();
  }

  @Test
  void call_basicBridge_exactHeaderAndRetriedWithTheNewToken() throws Exception {
    OkHttpClient bridge =
        LanyardOkHttp.install(
                new OkHttpClient.Builder(), SessionAuthorizer.basic(session, "__oauth__"))
            .build();
    api.then(unauthorized("Basic realm=\"soap\"", ""));
    assertThat(call(bridge, get()).code()).isEqualTo(200);
    // base64("__oauth__:token-1"), base64("__oauth__:token-2")
    assertThat(api.authorizations())
        .containsExactly("Basic X19vYXV0aF9fOnRva2VuLTE=", "Basic X19vYXV0aF9fOnRva2VuLTI=");
  }

  /** A body that can be written once, e.g. a stream being uploaded. */
  private static final class OneShot extends RequestBody {
    @Override
    public MediaType contentType() {
      return MediaType.get("application/octet-stream");
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      sink.writeUtf8("stream");
    }

    @Override
    public boolean isOneShot() {
      return true;
    }
  }
}
