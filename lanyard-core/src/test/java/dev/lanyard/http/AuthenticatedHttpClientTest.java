package dev.lanyard.http;

import static dev.lanyard.http.ScriptedApi.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.NoCredentialsException;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.session.TokenSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthenticatedHttpClientTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private ScriptedApi api;
  private TokenSession session;
  private AuthenticatedHttpClient client;

  @BeforeEach
  void start() throws IOException {
    api = new ScriptedApi();
    session = api.session();
    client = AuthenticatedHttpClient.of(HTTP, session);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private HttpRequest get() {
    return HttpRequest.newBuilder(api.api()).build();
  }

  @Test
  void send_anyRequest_bearerOfTheSessionReplacingTheCallersHeader() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(api.api()).header("Authorization", "Bearer mine").build();
    HttpResponse<String> response = client.send(request, BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(api.authorizations()).containsExactly("Bearer token-1");
  }

  @Test
  void send_401InvalidToken_oneRefreshThenRetriedWithNewToken() throws Exception {
    api.then(unauthorized("Bearer error=\"invalid_token\"", "expired"));
    HttpResponse<String> response = client.send(get(), BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
    assertThat(api.authorizations()).containsExactly("Bearer token-1", "Bearer token-2");
    assertThat(api.tokensIssued()).isEqualTo(2);
  }

  @Test
  void send_401WithoutChallenge_refreshedAndRetried() throws Exception {
    api.then(unauthorized(null, "who are you"));
    assertThat(client.send(get(), BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    assertThat(api.tokensIssued()).isEqualTo(2);
  }

  @Test
  void send_401Twice_secondReturnedAsItIsNoLoop() throws Exception {
    api.then(unauthorized("Bearer", "first"), unauthorized("Bearer", "second"));
    HttpResponse<String> response = client.send(get(), BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("second");
    assertThat(api.apiRequests()).hasSize(2);
    assertThat(api.tokensIssued()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bearer error=\"insufficient_scope\", scope=\"admin\"",
        "Bearer realm=\"lab\", error=\"invalid_request\"",
        "Basic realm=\"x\", Bearer error=insufficient_scope"
      })
  void send_401NotCuredByRefresh_returnedWithoutRefreshOrRetry(String challenge) throws Exception {
    api.then(unauthorized(challenge, "no"));
    HttpResponse<String> response = client.send(get(), BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("no");
    assertThat(api.apiRequests()).hasSize(1);
    assertThat(api.tokensIssued()).isEqualTo(1);
  }

  @Test
  void send_401WithStringBody_sameBodySentAgain() throws Exception {
    api.then(unauthorized("Bearer", ""));
    HttpRequest post =
        HttpRequest.newBuilder(api.api()).POST(BodyPublishers.ofString("payload")).build();
    assertThat(client.send(post, BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    assertThat(api.apiRequests())
        .extracting(r -> r.getBody().utf8())
        .containsExactly("payload", "payload");
  }

  @Test
  void send_401WithInputStreamBody_returnedWithoutRetry() throws Exception {
    api.then(unauthorized("Bearer", "no replay"));
    byte[] bytes = "payload".getBytes(StandardCharsets.UTF_8);
    HttpRequest post =
        HttpRequest.newBuilder(api.api())
            .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
            .build();
    HttpResponse<String> response = client.send(post, BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("no replay");
    assertThat(api.apiRequests()).hasSize(1);
    assertThat(api.tokensIssued()).isEqualTo(1);
  }

  @Test
  void send_401AfterAnotherCallerRefreshed_retriedWithItsTokenWithoutRefreshing() throws Exception {
    api.then(unauthorized("Bearer error=\"invalid_token\"", ""));
    session.token(); // token-1
    // While the request is in flight, another caller gets a 401 and refreshes: token-2.
    api.beforeApiAnswer(
        () -> {
          try {
            session.forceRefresh("token-1");
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          api.beforeApiAnswer(() -> {});
        });
    assertThat(client.send(get(), BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    assertThat(api.authorizations()).containsExactly("Bearer token-1", "Bearer token-2");
    assertThat(api.tokensIssued()).isEqualTo(2);
  }

  @Test
  void send_refreshFails_providerErrorThrownInsteadOfThe401() throws Exception {
    session.token();
    api.refuseTokens();
    api.then(unauthorized("Bearer", ""));
    assertThatThrownBy(() -> client.send(get(), BodyHandlers.ofString()))
        .isInstanceOf(ProviderErrorException.class);
    assertThat(api.apiRequests()).hasSize(1);
  }

  @Test
  void send_noCredentials_failsFastAndNothingIsSent() {
    AuthenticatedHttpClient anonymous =
        AuthenticatedHttpClient.of(HTTP, TokenSession.builder().build());
    assertThatThrownBy(() -> anonymous.send(get(), BodyHandlers.ofString()))
        .isInstanceOf(NoCredentialsException.class)
        .hasMessageStartingWith("no credentials configured");
    assertThat(api.apiRequests()).isEmpty();
  }

  @Test
  void sendAsync_401_refreshedAndRetried() throws Exception {
    api.then(unauthorized("Bearer error=\"invalid_token\"", ""));
    HttpResponse<String> response =
        client.sendAsync(get(), BodyHandlers.ofString()).get(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(api.authorizations()).containsExactly("Bearer token-1", "Bearer token-2");
  }

  @Test
  void sendAsync_refreshFails_futureFailsWithProviderError() throws Exception {
    session.token();
    api.refuseTokens();
    api.then(unauthorized("Bearer", ""));
    assertThatThrownBy(
            () -> client.sendAsync(get(), BodyHandlers.ofString()).get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(ProviderErrorException.class);
  }

  @Test
  void sendAsync_noCredentials_alreadyFailedAndNothingIsSent() {
    AuthenticatedHttpClient anonymous =
        AuthenticatedHttpClient.of(HTTP, TokenSession.builder().build());
    var future = anonymous.sendAsync(get(), BodyHandlers.ofString());
    assertThat(future).isCompletedExceptionally();
    assertThatThrownBy(future::get).hasCauseInstanceOf(NoCredentialsException.class);
    assertThat(api.apiRequests()).isEmpty();
  }

  @Test
  void send_basicBridge_exactHeaderAndRetriedWithTheNewToken() throws Exception {
    AuthenticatedHttpClient bridge =
        AuthenticatedHttpClient.of(HTTP, SessionAuthorizer.basic(session, "__oauth__"));
    api.then(unauthorized("Basic realm=\"soap\"", ""));
    assertThat(bridge.send(get(), BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    // base64("__oauth__:token-1"), base64("__oauth__:token-2")
    assertThat(api.authorizations())
        .containsExactly("Basic X19vYXV0aF9fOnRva2VuLTE=", "Basic X19vYXV0aF9fOnRva2VuLTI=");
  }
}
