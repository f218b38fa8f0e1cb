package dev.lanyard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A token endpoint at {@code /token} that hands out {@code token-1}, {@code token-2}, … (Bearer,
 * 300 s) to any request, and an API at {@code /api} that answers from a script, then 200 {@code
 * ok}: what no real provider or API does on demand (a 401 now, a refused refresh, another caller's
 * refresh in the middle of a request).
 *
 * <pre>{@code
 * try (ScriptedApi api = new ScriptedApi()) {
 *   api.then(ScriptedApi.unauthorized("Bearer error=\"invalid_token\"", "expired"));
 *   // a session on api.tokenEndpoint(), requests to api.api() ...
 *   assertThat(api.authorizations()).containsExactly("Bearer token-1", "Bearer token-2");
 * }
 * }</pre>
 */
@SuppressWarnings("exports") // test support: MockWebServer types in its API are fine
public final class ScriptedApi implements AutoCloseable {
  /** The challenge of an API that refuses a token: {@code Bearer error="invalid_token"}. */
  public static final String INVALID_TOKEN = "Bearer error=\"invalid_token\"";

  private final MockWebServer server = new MockWebServer();
  private final AtomicInteger tokens = new AtomicInteger();
  private final Queue<MockResponse> script = new ConcurrentLinkedQueue<>();
  private final Set<String> rejected = ConcurrentHashMap.newKeySet();
  private final List<RecordedRequest> apiRequests = new CopyOnWriteArrayList<>();
  private volatile boolean refuseTokens;
  private volatile Runnable beforeApiAnswer = () -> {};

  /** Starts the server on a free loopback port. */
  public ScriptedApi() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (request.getUrl().encodedPath().equals("/token")) {
              return tokenAnswer();
            }
            apiRequests.add(request);
            beforeApiAnswer.run();
            return apiAnswer(request);
          }
        });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  private MockResponse apiAnswer(RecordedRequest request) {
    String authorization = request.getHeaders().get("Authorization");
    if (authorization != null && rejected.contains(authorization)) {
      return unauthorized(INVALID_TOKEN, "rejected");
    }
    MockResponse scripted = script.poll();
    return scripted != null ? scripted : new MockResponse.Builder().code(200).body("ok").build();
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

  /** The token endpoint: {@code /token}. */
  public URI tokenEndpoint() {
    return server.url("/token").uri();
  }

  /** The API: {@code /api}. */
  public URI api() {
    return server.url("/api").uri();
  }

  /** A URL on this server, e.g. {@code url("/api?uid=7")}. */
  public URI url(String pathAndQuery) {
    return server.url(pathAndQuery).uri();
  }

  /** The next API answers, in order; after them, 200 {@code ok} again. */
  public ScriptedApi then(MockResponse... answers) {
    script.addAll(List.of(answers));
    return this;
  }

  /**
   * Every API request with exactly this {@code Authorization} value gets a 401 {@link
   * #INVALID_TOKEN}, however many arrive (a revoked token); takes precedence over the script.
   */
  public ScriptedApi reject(String authorization) {
    rejected.add(Objects.requireNonNull(authorization, "authorization"));
    return this;
  }

  /** Runs on the server thread before each API answer, e.g. to play another caller. */
  public void beforeApiAnswer(Runnable action) {
    this.beforeApiAnswer = Objects.requireNonNull(action, "action");
  }

  /** From now on the token endpoint answers 401 {@code invalid_client}. */
  public void refuseTokens() {
    refuseTokens = true;
  }

  /** How many tokens the token endpoint has handed out. */
  public int tokensIssued() {
    return tokens.get();
  }

  /** Every API request, in order of arrival. */
  public List<RecordedRequest> apiRequests() {
    return apiRequests;
  }

  /** The {@code Authorization} header of every API request (null when absent), in order. */
  public List<String> authorizations() {
    return apiRequests.stream().map(r -> r.getHeaders().get("Authorization")).toList();
  }

  @Override
  public void close() {
    server.close();
  }
}
