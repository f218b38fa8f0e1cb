package dev.lanyard.http;

import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.session.TokenSession;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A token endpoint that hands out {@code token-1}, {@code token-2}, … and an API at {@code /api}
 * that answers from a script (then 200 {@code ok}): what no real provider or API does on demand.
 */
/** A token endpoint and an API that answer as scripted; shared with the integration modules. */
@SuppressWarnings("exports") // test code: MockWebServer types in its API are fine
public final class ScriptedApi implements AutoCloseable {
  private final MockWebServer server = new MockWebServer();
  private final AtomicInteger tokens = new AtomicInteger();
  private final Queue<MockResponse> script = new ConcurrentLinkedQueue<>();
  private final List<RecordedRequest> apiRequests = new CopyOnWriteArrayList<>();
  private volatile boolean refuseTokens;
  private volatile Runnable beforeApiAnswer = () -> {};

  public ScriptedApi() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (request.getUrl().encodedPath().equals("/token")) {
              return tokenAnswer();
            }
            apiRequests.add(request);
            beforeApiAnswer.run();
            MockResponse scripted = script.poll();
            return scripted != null
                ? scripted
                : new MockResponse.Builder().code(200).body("ok").build();
          }
        });
    server.start();
  }

  private MockResponse tokenAnswer() {
    if (refuseTokens) {
      return json(401, "{\"error\":\"invalid_client\"}");
    }
    return json(
        200,
        "{\"access_token\":\"token-"
            + tokens.incrementAndGet()
            + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  /** A 401 with this {@code WWW-Authenticate} (none when null) and body. */
  public static MockResponse unauthorized(String challenge, String body) {
    MockResponse.Builder b = new MockResponse.Builder().code(401).body(body);
    if (challenge != null) {
      b.setHeader("WWW-Authenticate", challenge);
    }
    return b.build();
  }

  /** A session on this token endpoint with the client credentials grant. */
  public TokenSession session() {
    return TokenSession.builder()
        .tokenEndpoint(server.url("/token").uri())
        .client(ClientAuthentication.none("app"))
        .grant(Grant.clientCredentials())
        .executor(Runnable::run)
        .build();
  }

  public URI api() {
    return server.url("/api").uri();
  }

  public ScriptedApi then(MockResponse... answers) {
    script.addAll(List.of(answers));
    return this;
  }

  /** Runs on the server thread before each API answer, e.g. to play another caller. */
  public void beforeApiAnswer(Runnable action) {
    this.beforeApiAnswer = action;
  }

  public void refuseTokens() {
    refuseTokens = true;
  }

  public int tokensIssued() {
    return tokens.get();
  }

  public List<RecordedRequest> apiRequests() {
    return apiRequests;
  }

  /** The {@code Authorization} header of every API request, in order. */
  public List<String> authorizations() {
    return apiRequests.stream().map(r -> r.getHeaders().get("Authorization")).toList();
  }

  @Override
  public void close() {
    server.close();
  }
}
