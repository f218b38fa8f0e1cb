package dev.lanyard.http;

import static dev.lanyard.testing.ScriptedApi.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.NoCredentialsException;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.session.TokenSession;
import dev.lanyard.testing.ScriptedApi;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The contract on {@code java.net.http}, and what only this integration has: sendAsync. */
class AuthenticatedHttpClientTest extends HttpIntegrationContract {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Override
  protected Client client(RequestAuthorizer authorizer) {
    AuthenticatedHttpClient client = AuthenticatedHttpClient.of(HTTP, authorizer);
    return call -> {
      HttpResponse<String> r = client.send(request(call), BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    };
  }

  private static HttpRequest request(Call call) {
    byte[] bytes = call.body().getBytes(StandardCharsets.UTF_8);
    BodyPublisher body =
        call.method().equals("GET")
            ? BodyPublishers.noBody()
            : call.oneShot()
                ? BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                : BodyPublishers.ofByteArray(bytes);
    HttpRequest.Builder b = HttpRequest.newBuilder(call.uri()).method(call.method(), body);
    call.headers().forEach(b::header);
    return b.build();
  }

  private HttpRequest get() {
    return HttpRequest.newBuilder(api.api()).build();
  }

  @Test
  void of_session_bearer() throws Exception {
    AuthenticatedHttpClient client = AuthenticatedHttpClient.of(HTTP, session);
    assertThat(client.send(get(), BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    assertThat(api.authorizations()).containsExactly("Bearer token-1");
    assertThat(client.toString()).isEqualTo("AuthenticatedHttpClient{RequestAuthorizer{Bearer}}");
  }

  @Test
  void sendAsync_401_refreshedAndRetried() throws Exception {
    api.then(unauthorized(ScriptedApi.INVALID_TOKEN, ""));
    HttpResponse<String> response =
        AuthenticatedHttpClient.of(HTTP, session)
            .sendAsync(get(), BodyHandlers.ofString())
            .get(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(api.authorizations()).containsExactly("Bearer token-1", "Bearer token-2");
  }

  @Test
  void sendAsync_refreshFails_futureFailsWithProviderError() throws Exception {
    session.token();
    api.refuseTokens();
    api.then(unauthorized("Bearer", ""));
    AuthenticatedHttpClient client = AuthenticatedHttpClient.of(HTTP, session);
    assertThatThrownBy(
            () -> client.sendAsync(get(), BodyHandlers.ofString()).get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(ProviderErrorException.class);
  }

  @Test
  void sendAsync_tokenToBeFetched_callerNotBlockedAndSendContinuesAfterTheRefresh()
      throws Exception {
    // Refreshes run only when the test says so: a caller that waited for one would hang here.
    Queue<Runnable> refreshes = new ConcurrentLinkedQueue<>();
    TokenSession deferred =
        TokenSession.builder()
            .tokenEndpoint(api.tokenEndpoint())
            .client(ClientAuthentication.none("app"))
            .grant(Grant.clientCredentials())
            .executor(refreshes::add)
            .build();
    AuthenticatedHttpClient client = AuthenticatedHttpClient.of(HTTP, deferred);

    var future = client.sendAsync(get(), BodyHandlers.ofString());

    assertThat(future).isNotDone();
    assertThat(api.apiRequests()).isEmpty();
    assertThat(refreshes).hasSize(1);
    refreshes.poll().run();
    assertThat(future.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(api.authorizations()).containsExactly("Bearer token-1");
  }

  @Test
  void sendAsync_401_refreshRunsWithoutAWaitingThread() throws Exception {
    Queue<Runnable> refreshes = new ConcurrentLinkedQueue<>();
    TokenSession deferred =
        TokenSession.builder()
            .tokenEndpoint(api.tokenEndpoint())
            .client(ClientAuthentication.none("app"))
            .grant(Grant.clientCredentials())
            .executor(refreshes::add)
            .build();
    AuthenticatedHttpClient client = AuthenticatedHttpClient.of(HTTP, deferred);
    var first = client.sendAsync(get(), BodyHandlers.ofString());
    refreshes.poll().run();
    assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    api.then(unauthorized(ScriptedApi.INVALID_TOKEN, ""));

    var second = client.sendAsync(get(), BodyHandlers.ofString());

    Runnable refresh = awaitTask(refreshes);
    assertThat(second).isNotDone();
    refresh.run();
    assertThat(second.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(api.authorizations())
        .containsExactly("Bearer token-1", "Bearer token-1", "Bearer token-2");
  }

  /** The refresh task the 401 of an asynchronous call queued, within 10 s. */
  private static Runnable awaitTask(Queue<Runnable> tasks) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Runnable task;
    while ((task = tasks.poll()) == null) {
      assertThat(System.nanoTime()).as("a refresh queued within 10 s").isLessThan(deadline);
      Thread.onSpinWait();
    }
    return task;
  }

  @Test
  void sendAsync_noCredentials_failsBeforeAnythingIsSent() {
    AuthenticatedHttpClient anonymous =
        AuthenticatedHttpClient.of(HTTP, TokenSession.builder().build());
    var future = anonymous.sendAsync(get(), BodyHandlers.ofString());
    assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(NoCredentialsException.class);
    assertThat(api.apiRequests()).isEmpty();
  }
}
