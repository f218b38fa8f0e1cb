package dev.lanyard.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.LanyardException;
import dev.lanyard.MalformedResponseException;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One way to build requests, read answers and word failures, for every provider call. */
class AnswersTest {
  private static final String WHAT = "the revocation endpoint";
  private static final Transport ONCE = Transport.builder().maxRetries(0).build();
  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> answer(MockResponse response) throws IOException {
    server.enqueue(response);
    return Exchange.of(ONCE)
        .send(Requests.get(ONCE, server.url("/x").uri(), "application/json"), true, WHAT);
  }

  private static MockResponse.Builder json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body);
  }

  @Test
  void error_oauthJson_providerErrorWithDescriptionAndStatus() throws IOException {
    LanyardException e =
        Answers.error(
            answer(
                json(400, "{\"error\":\"invalid_client\",\"error_description\":\"unknown\"}")
                    .build()),
            WHAT);

    assertThat(e)
        .isInstanceOfSatisfying(
            ProviderErrorException.class,
            p -> {
              assertThat(p.error()).isEqualTo("invalid_client");
              assertThat(p.description()).contains("unknown");
              assertThat(p.status()).isEqualTo(400);
            });
  }

  @Test
  void error_html_malformedNamingEndpointStatusAndTypeNeverTheBody() throws IOException {
    LanyardException e =
        Answers.error(
            answer(
                new MockResponse.Builder()
                    .code(502)
                    .setHeader("Content-Type", "text/html")
                    .body("<html>secret-ish</html>")
                    .build()),
            WHAT);

    assertThat(e)
        .isInstanceOf(MalformedResponseException.class)
        .hasMessage("the revocation endpoint answered HTTP 502 (text/html) without an OAuth error");
  }

  @Test
  void error_jsonWithoutErrorCode_malformed() throws IOException {
    LanyardException e = Answers.error(answer(json(500, "{\"message\":\"boom\"}").build()), WHAT);

    assertThat(e)
        .isInstanceOf(MalformedResponseException.class)
        .hasMessage("the revocation endpoint answered HTTP 500 without an OAuth error code");
  }

  @Test
  void object_notJson_malformed() throws IOException {
    HttpResponse<String> r = answer(json(200, "[1,2]").build());

    assertThatThrownBy(() -> Answers.object(r, WHAT))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessage(
            "the revocation endpoint answered HTTP 200 (application/json) with a body that is"
                + " not a JSON object");
  }

  @Test
  void send_bodyOverTheLimit_malformedNotRetried() {
    Transport retrying = Transport.builder().maxRetries(2).build();
    List<java.time.Duration> waits = new CopyOnWriteArrayList<>();
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body(new Buffer().write(new byte[Bodies.MAX_BYTES + 1]))
            .build());

    assertThatThrownBy(
            () ->
                Exchange.of(retrying, waits::add)
                    .send(Requests.get(retrying, server.url("/x").uri(), "*/*"), true, WHAT))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessage(
            "the revocation endpoint answered HTTP 200 with a body of more than 4194304 bytes,"
                + " the limit for answers");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void send_charsetOfTheAnswer_decoded() throws IOException {
    HttpResponse<String> r =
        answer(
            new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json; charset=ISO-8859-1")
                .body(new Buffer().write("{\"n\":\"Zoë\"}".getBytes(StandardCharsets.ISO_8859_1)))
                .build());

    assertThat(r.body()).isEqualTo("{\"n\":\"Zoë\"}");
  }

  @Test
  void form_clientAuthenticated_asAtTheTokenEndpoint() throws Exception {
    server.enqueue(json(200, "{}").build());
    server.enqueue(json(200, "{}").build());
    Map<String, String> form = Map.of("token", "a b&c");

    Exchange.of(ONCE)
        .send(
            Requests.form(
                ONCE, server.url("/x").uri(), ClientAuthentication.secretPost("app", "s"), form),
            true,
            WHAT);
    Exchange.of(ONCE)
        .send(
            Requests.form(
                ONCE, server.url("/x").uri(), ClientAuthentication.secretBasic("app", "s"), form),
            true,
            WHAT);

    RecordedRequest post = server.takeRequest();
    RecordedRequest basic = server.takeRequest();
    assertThat(post.getBody().utf8()).isEqualTo("token=a+b%26c&client_id=app&client_secret=s");
    assertThat(post.getHeaders().get("Content-Type"))
        .isEqualTo("application/x-www-form-urlencoded");
    assertThat(post.getHeaders().get("Authorization")).isNull();
    assertThat(basic.getBody().utf8()).isEqualTo("token=a+b%26c");
    assertThat(basic.getHeaders().get("Authorization")).startsWith("Basic ");
  }
}
