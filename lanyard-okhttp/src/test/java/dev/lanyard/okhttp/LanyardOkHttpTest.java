package dev.lanyard.okhttp;

import static dev.lanyard.testing.ScriptedApi.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.http.HttpIntegrationContract;
import dev.lanyard.http.RequestAuthorizer;
import dev.lanyard.session.TokenSession;
import dev.lanyard.testing.ScriptedApi;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;

/** The contract on OkHttp, and what only this integration has: redirects, enqueued calls. */
class LanyardOkHttpTest extends HttpIntegrationContract {
  @Override
  protected Client client(RequestAuthorizer authorizer) {
    OkHttpClient client = LanyardOkHttp.install(new OkHttpClient.Builder(), authorizer).build();
    return call -> {
      Request.Builder b = new Request.Builder().url(call.uri().toString());
      call.headers().forEach(b::header);
      if (!call.method().equals("GET")) {
        MediaType text = MediaType.get("text/plain");
        b.method(
            call.method(),
            call.oneShot() ? new OneShot(call.body()) : RequestBody.create(call.body(), text));
      }
      return answer(client, b.build());
    };
  }

  private static Answer answer(OkHttpClient client, Request request) throws IOException {
    try (Response r = client.newCall(request).execute()) {
      return new Answer(r.code(), r.body().string());
    }
  }

  @Test
  void install_session_bearer() throws Exception {
    OkHttpClient client = LanyardOkHttp.install(new OkHttpClient.Builder(), session).build();
    assertThat(answer(client, new Request.Builder().url(api.api().toString()).build()))
        .isEqualTo(new Answer(200, "ok"));
    assertThat(api.authorizations()).containsExactly("Bearer token-1");
  }

  @Test
  void redirectToAnotherHost_401There_noTokenSentThereAndNoRefresh() throws Exception {
    try (MockWebServer other = new MockWebServer()) {
      other.enqueue(unauthorized("Bearer", "who"));
      other.start();
      // 127.0.0.1 and localhost are different hosts to OkHttp: it drops Authorization.
      String elsewhere = other.url("/x").toString().replace("127.0.0.1", "localhost");
      api.then(new MockResponse.Builder().code(302).setHeader("Location", elsewhere).build());
      OkHttpClient client = LanyardOkHttp.install(new OkHttpClient.Builder(), session).build();
      Request get = new Request.Builder().url(api.api().toString()).build();
      assertThat(answer(client, get)).isEqualTo(new Answer(401, "who"));
      assertThat(other.takeRequest().getHeaders().get("Authorization")).isNull();
    }
    assertThat(api.authorizations()).containsExactly("Bearer token-1");
    assertThat(api.tokensIssued()).isEqualTo(1);
  }

  @Test
  void enqueue_401_refreshedAndRetriedOnOkHttpsThread() throws Exception {
    api.then(unauthorized(ScriptedApi.INVALID_TOKEN, ""));
    OkHttpClient client = LanyardOkHttp.install(new OkHttpClient.Builder(), session).build();
    CompletableFuture<Integer> code = new CompletableFuture<>();
    client
        .newCall(new Request.Builder().url(api.api().toString()).build())
        .enqueue(
            new Callback() {
              @Override
              public void onResponse(okhttp3.Call call, Response response) {
                try (response) {
                  code.complete(response.code());
                }
              }

              @Override
              public void onFailure(okhttp3.Call call, IOException e) {
                code.completeExceptionally(e);
              }
            });
    assertThat(code.get(10, TimeUnit.SECONDS)).isEqualTo(200);
    assertThat(api.authorizations()).containsExactly("Bearer token-1", "Bearer token-2");
  }

  @Test
  void callAsync_tokenToBeFetched_callerNotBlockedAndCallEnqueuedAfterTheRefresh()
      throws Exception {
    // Refreshes run only when the test says so: a caller that waited for one would hang here.
    Queue<Runnable> refreshes = new ConcurrentLinkedQueue<>();
    OkHttpClient client =
        LanyardOkHttp.install(new OkHttpClient.Builder(), deferred(refreshes)).build();

    CompletableFuture<Response> call =
        LanyardOkHttp.callAsync(client, new Request.Builder().url(api.api().toString()).build());

    assertThat(call).isNotDone();
    assertThat(api.apiRequests()).isEmpty();
    refreshes.poll().run();
    try (Response r = call.get(10, TimeUnit.SECONDS)) {
      assertThat(r.code()).isEqualTo(200);
    }
    assertThat(api.authorizations()).containsExactly("Bearer token-1");
  }

  @Test
  void callAsync_401_refreshHoldsNoThreadThenOneRetry() throws Exception {
    Queue<Runnable> refreshes = new ConcurrentLinkedQueue<>();
    OkHttpClient client =
        LanyardOkHttp.install(new OkHttpClient.Builder(), deferred(refreshes)).build();
    Request get = new Request.Builder().url(api.api().toString()).build();
    CompletableFuture<Response> first = LanyardOkHttp.callAsync(client, get);
    refreshes.poll().run();
    first.get(10, TimeUnit.SECONDS).close();
    api.then(unauthorized(ScriptedApi.INVALID_TOKEN, ""));

    CompletableFuture<Response> second = LanyardOkHttp.callAsync(client, get);

    Runnable refresh = awaitTask(refreshes);
    assertThat(second).isNotDone();
    refresh.run();
    try (Response r = second.get(10, TimeUnit.SECONDS)) {
      assertThat(r.code()).isEqualTo(200);
    }
    assertThat(api.authorizations())
        .containsExactly("Bearer token-1", "Bearer token-1", "Bearer token-2");
  }

  @Test
  void callAsync_second401_returnedAsIs() throws Exception {
    api.then(
        unauthorized(ScriptedApi.INVALID_TOKEN, "first"),
        unauthorized(ScriptedApi.INVALID_TOKEN, "second"));
    OkHttpClient client = LanyardOkHttp.install(new OkHttpClient.Builder(), session).build();
    Request get = new Request.Builder().url(api.api().toString()).build();
    try (Response r = LanyardOkHttp.callAsync(client, get).get(10, TimeUnit.SECONDS)) {
      assertThat(r.code()).isEqualTo(401);
      assertThat(r.body().string()).isEqualTo("second");
    }
    assertThat(api.tokensIssued()).isEqualTo(2);
  }

  @Test
  void callAsync_clientWithoutLanyard_refused() {
    OkHttpClient plain = new OkHttpClient();
    Request get = new Request.Builder().url(api.api().toString()).build();
    assertThatThrownBy(() -> LanyardOkHttp.callAsync(plain, get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the client has no Lanyard interceptor: build it with LanyardOkHttp.install(...)");
  }

  private TokenSession deferred(Queue<Runnable> refreshes) {
    return TokenSession.builder()
        .tokenEndpoint(api.tokenEndpoint())
        .client(ClientAuthentication.none("app"))
        .grant(Grant.clientCredentials())
        .executor(refreshes::add)
        .build();
  }

  /** The refresh task an asynchronous call queued, within 10 s. */
  private static Runnable awaitTask(Queue<Runnable> tasks) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Runnable task;
    while ((task = tasks.poll()) == null) {
      assertThat(System.nanoTime()).as("a refresh queued within 10 s").isLessThan(deadline);
      Thread.onSpinWait();
    }
    return task;
  }

  /** A body that can be written once, e.g. a stream being uploaded. */
  private static final class OneShot extends RequestBody {
    private final String text;

    OneShot(String text) {
      this.text = text;
    }

    @Override
    public MediaType contentType() {
      return MediaType.get("application/octet-stream");
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      sink.writeUtf8(text);
    }

    @Override
    public boolean isOneShot() {
      return true;
    }
  }
}
