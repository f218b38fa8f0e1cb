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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every HTTP integration does with a {@link RequestAuthorizer}: each integration module's test
 * extends this with a {@link Client} over its HTTP client, and adds only what is its own.
 */
@SuppressWarnings("exports") // test code: the scripted API in its API is fine
public abstract class HttpIntegrationContract {
  /** For the integration modules' tests. */
  protected HttpIntegrationContract() {}

  /** One integration's client, authorizing with the authorizer it was made with. */
  public interface Client extends AutoCloseable {
    /** Sends {@code call} and reads the whole answer. */
    Answer send(Call call) throws Exception;

    @Override
    default void close() throws IOException {}
  }

  /** What the integration under test makes a client of. */
  protected abstract Client client(RequestAuthorizer authorizer) throws Exception;

  /**
   * A request: method, URI, headers and a text body (none for GET) that the integration sends as a
   * replayable body unless {@code oneShot} (java.net.http {@code ofInputStream}, an OkHttp one-shot
   * body, an HttpClient 5 streamed entity).
   */
  public record Call(
      String method, URI uri, Map<String, String> headers, String body, boolean oneShot) {
    public static Call get(URI uri) {
      return new Call("GET", uri, Map.of(), "", false);
    }

    public static Call post(URI uri, String body) {
      return new Call("POST", uri, Map.of(), body, false);
    }

    public Call header(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Call(method, uri, h, body, oneShot);
    }

    public Call asOneShot() {
      return new Call(method, uri, headers, body, true);
    }
  }

  /** A status and the whole body. */
  public record Answer(int status, String body) {}

  protected ScriptedApi api;
  protected TokenSession session;

  /** A session on the scripted token endpoint, with the client credentials grant. */
  protected static TokenSession session(ScriptedApi api) {
    return TokenSession.builder()
        .tokenEndpoint(api.tokenEndpoint())
        .client(ClientAuthentication.none("app"))
        .grant(Grant.clientCredentials())
        .executor(Runnable::run)
        .build();
  }

  @BeforeEach
  void startApi() {
    api = new ScriptedApi();
    session = session(api);
  }

  @AfterEach
  void stopApi() {
    api.close();
  }

  private Answer send(RequestAuthorizer authorizer, Call call) throws Exception {
    try (Client c = client(authorizer)) {
      return c.send(call);
    }
  }

  private Answer bearer(Call call) throws Exception {
    return send(RequestAuthorizer.bearer(session), call);
  }

  @Test
  void bearer_anyRequest_tokenOfTheSessionReplacingTheCallersHeader() throws Exception {
    assertThat(bearer(Call.get(api.api()).header("authorization", "Bearer mine")))
        .isEqualTo(new Answer(200, "ok"));
    assertThat(api.authorizations()).containsExactly("Bearer token-1");
  }

  @Test
  void bearer_401InvalidToken_oneRefreshThenRetriedWithNewToken() throws Exception {
    api.then(unauthorized(ScriptedApi.INVALID_TOKEN, "expired"));
    assertThat(bearer(Call.get(api.api()))).isEqualTo(new Answer(200, "ok"));
    assertThat(api.authorizations()).containsExactly("Bearer token-1", "Bearer token-2");
    assertThat(api.tokensIssued()).isEqualTo(2);
  }

  @Test
  void bearer_401WithoutChallenge_refreshedAndRetried() throws Exception {
    api.then(unauthorized(null, "who are you"));
    assertThat(bearer(Call.get(api.api())).status()).isEqualTo(200);
    assertThat(api.tokensIssued()).isEqualTo(2);
  }

  @Test
  void bearer_401WithAStaleToken_retriedWithTheNewerOneWithoutRefreshing() throws Exception {
    api.then(unauthorized(ScriptedApi.INVALID_TOKEN, ""));
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
    assertThat(bearer(Call.get(api.api())).status()).isEqualTo(200);
    assertThat(api.authorizations()).containsExactly("Bearer token-1", "Bearer token-2");
    assertThat(api.tokensIssued()).isEqualTo(2);
  }

  @Test
  void bearer_401Twice_secondReturnedAsItIsNoLoop() throws Exception {
    api.then(unauthorized("Bearer", "first"), unauthorized("Bearer", "second"));
    assertThat(bearer(Call.get(api.api()))).isEqualTo(new Answer(401, "second"));
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
  void bearer_401NotCuredByRefresh_returnedWithoutRefreshOrRetry(String challenge)
      throws Exception {
    api.then(unauthorized(challenge, "no"));
    assertThat(bearer(Call.get(api.api()))).isEqualTo(new Answer(401, "no"));
    assertThat(api.apiRequests()).hasSize(1);
    assertThat(api.tokensIssued()).isEqualTo(1);
  }

  @Test
  void bearer_401WithReplayableBody_sameBodySentAgain() throws Exception {
    api.then(unauthorized("Bearer", ""));
    assertThat(bearer(Call.post(api.api(), "payload")).status()).isEqualTo(200);
    assertThat(api.apiRequests())
        .extracting(r -> r.getBody().utf8())
        .containsExactly("payload", "payload");
  }

  @Test
  void bearer_401WithOneShotBody_returnedWithoutRefreshOrRetry() throws Exception {
    api.then(unauthorized("Bearer", "no replay"));
    assertThat(bearer(Call.post(api.api(), "stream").asOneShot()))
        .isEqualTo(new Answer(401, "no replay"));
    assertThat(api.apiRequests()).hasSize(1);
    assertThat(api.tokensIssued()).isEqualTo(1);
  }

  @Test
  void bearer_refreshFails_providerErrorInsteadOfThe401() throws Exception {
    session.token();
    api.refuseTokens();
    api.then(unauthorized("Bearer", ""));
    assertThatThrownBy(() -> bearer(Call.get(api.api())))
        .isInstanceOf(ProviderErrorException.class);
    assertThat(api.apiRequests()).hasSize(1);
  }

  @Test
  void bearer_noCredentials_failsBeforeSending() {
    RequestAuthorizer anonymous = RequestAuthorizer.bearer(TokenSession.builder().build());
    assertThatThrownBy(() -> send(anonymous, Call.get(api.api())))
        .isInstanceOf(NoCredentialsException.class)
        .hasMessageStartingWith("no credentials configured");
    assertThat(api.apiRequests()).isEmpty();
  }

  @Test
  void bearer_concurrent401s_oneRefresh() throws Exception {
    int callers = 4; // within HttpClient 5's default of 5 connections per route
    api.reject("Bearer token-1");
    CountDownLatch allSent = new CountDownLatch(callers);
    api.beforeApiAnswer(
        () -> {
          // Every first attempt carries token-1: none is answered before all have arrived.
          allSent.countDown();
          try {
            allSent.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    session.token(); // token-1
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try (Client c = client(RequestAuthorizer.bearer(session))) {
      List<Future<Answer>> answers = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        answers.add(pool.submit(() -> c.send(Call.get(api.api()))));
      }
      for (Future<Answer> a : answers) {
        assertThat(a.get(20, TimeUnit.SECONDS)).isEqualTo(new Answer(200, "ok"));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(api.tokensIssued()).isEqualTo(2);
    assertThat(api.authorizations())
        .hasSize(2 * callers)
        .containsOnly("Bearer token-1", "Bearer token-2");
  }

  @Test
  void basicBridge_exactHeaderAndRetriedWithTheNewToken() throws Exception {
    api.then(unauthorized("Basic realm=\"soap\"", ""));
    RequestAuthorizer bridge = RequestAuthorizer.basic(session, RequestAuthorizer.B_FABRIC_LOGIN);
    assertThat(send(bridge, Call.get(api.api())).status()).isEqualTo(200);
    // base64("__oauth__:token-1"), base64("__oauth__:token-2")
    assertThat(api.authorizations())
        .containsExactly("Basic X19vYXV0aF9fOnRva2VuLTE=", "Basic X19vYXV0aF9fOnRva2VuLTI=");
  }

  @Test
  void signedQuery_uriRewrittenAndHeadersSet() throws Exception {
    // Signs like LabArchives: the method and a signature appended to the caller's query.
    RequestAuthorizer signer =
        (method, uri) ->
            Authorization.of(
                URI.create(uri + "&sig=" + method.toLowerCase() + "-signed"),
                Map.of("X-Signed", "yes"));
    Call post = Call.post(api.url("/api/entries/add?uid=7"), "entry").header("x-signed", "forged");
    assertThat(send(signer, post)).isEqualTo(new Answer(200, "ok"));
    var sent = api.apiRequests().get(0);
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/api/entries/add");
    assertThat(sent.getUrl().query()).isEqualTo("uid=7&sig=post-signed");
    assertThat(sent.getHeaders().values("X-Signed")).containsExactly("yes");
    assertThat(sent.getBody().utf8()).isEqualTo("entry");
  }

  @Test
  void signedQuery_onAnotherServer_refusedBeforeSending() {
    RequestAuthorizer elsewhere =
        (method, uri) -> Authorization.of(URI.create("https://example.org/steal"), Map.of());
    assertThatThrownBy(() -> send(elsewhere, Call.get(api.api())))
        .hasStackTraceContaining("an authorization may not move a request");
    assertThat(api.apiRequests()).isEmpty();
  }

  @Test
  void perRequestProof_nonceChallenge_retriedWithTheServersNonceAndResponsesSeen()
      throws Exception {
    NonceAuthorizer dpopLike = new NonceAuthorizer();
    api.then(
        new MockResponse.Builder()
            .code(401)
            .addHeader("WWW-Authenticate", "DPoP error=\"use_dpop_nonce\"")
            .addHeader("DPoP-Nonce", "n-1")
            .build(),
        new MockResponse.Builder().code(200).addHeader("DPoP-Nonce", "n-2").body("ok").build());
    assertThat(send(dpopLike, Call.get(api.url("/api/x?q=1")))).isEqualTo(new Answer(200, "ok"));
    assertThat(api.apiRequests())
        .extracting(r -> r.getHeaders().get("Proof"))
        .containsExactly("GET /api/x nonce=none", "GET /api/x nonce=n-1");
    assertThat(dpopLike.seen).containsExactly("200 n-2 after nonce=n-1");
    assertThat(api.tokensIssued()).isZero();
  }

  @Test
  void none_requestSentAsItIs() throws Exception {
    assertThat(send(RequestAuthorizer.NONE, Call.get(api.api()).header("Authorization", "Mine")))
        .isEqualTo(new Answer(200, "ok"));
    assertThat(api.authorizations()).containsExactly("Mine");
  }

  /**
   * A stand-in for a proof-of-possession scheme: a header over the method and the URI without its
   * query, with the server's last nonce; a {@code use_dpop_nonce} challenge is retried.
   */
  private static final class NonceAuthorizer implements RequestAuthorizer {
    final List<String> seen = new ArrayList<>();

    @Override
    public Authorization authorize(String method, URI uri) {
      return proof(method, uri, "none");
    }

    private static Authorization proof(String method, URI uri, String nonce) {
      return Authorization.of(Map.of("Proof", method + ' ' + uri.getRawPath() + " nonce=" + nonce));
    }

    @Override
    public boolean retryMayHelp(Authorization sent, ResponseHead response) {
      return response.status() == 401
          && response.headers("www-authenticate").stream()
              .anyMatch(c -> c.contains("use_dpop_nonce"))
          && !response.headers("DPoP-Nonce").isEmpty();
    }

    @Override
    public Authorization reauthorize(
        String method, URI uri, Authorization rejected, ResponseHead response) {
      return proof(method, uri, response.headers("DPoP-Nonce").get(0));
    }

    @Override
    public synchronized void onResponse(Authorization sent, ResponseHead response) {
      String proof = sent.headers().get("Proof");
      seen.add(
          response.status()
              + " "
              + response.headers("dpop-nonce").stream().findFirst().orElse("-")
              + " after "
              + proof.substring(proof.indexOf("nonce=")));
    }
  }
}
