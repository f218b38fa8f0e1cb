package dev.lanyard.cli;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A scripted provider on 127.0.0.1 for what these offline tests need to see on the wire: a
 * discovery document, and per path a queue of answers. Protocol truth against a real provider is
 * the Keycloak module's job.
 */
final class FakeProvider implements AutoCloseable {
  private final MockWebServer server = new MockWebServer();
  private final Map<String, Queue<MockResponse>> answers = new ConcurrentHashMap<>();
  final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

  FakeProvider() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            requests.add(request);
            String path = request.getUrl().encodedPath();
            if (path.equals("/realms/lab/.well-known/openid-configuration")) {
              return json(200, discovery());
            }
            Queue<MockResponse> q = answers.get(path);
            MockResponse r = q == null ? null : q.poll();
            return r != null ? r : json(404, "{\"error\":\"not_found\"}");
          }
        });
    server.start();
  }

  String issuer() {
    return base() + "/realms/lab";
  }

  String base() {
    return "http://127.0.0.1:" + server.getPort();
  }

  private String discovery() {
    String i = issuer();
    return "{\"issuer\":\""
        + i
        + "\",\"token_endpoint\":\""
        + i
        + "/token\","
        + "\"authorization_endpoint\":\""
        + i
        + "/auth\","
        + "\"device_authorization_endpoint\":\""
        + i
        + "/device\","
        + "\"revocation_endpoint\":\""
        + i
        + "/revoke\","
        + "\"registration_endpoint\":\""
        + i
        + "/register\","
        + "\"jwks_uri\":\""
        + i
        + "/certs\"}";
  }

  /** Queues an answer for requests to {@code path} (relative to the issuer). */
  FakeProvider answer(String path, int code, String json) {
    answers
        .computeIfAbsent("/realms/lab" + path, p -> new ConcurrentLinkedQueue<>())
        .add(json(code, json));
    return this;
  }

  /** The requests to {@code path}, in order. */
  List<RecordedRequest> requestsTo(String path) {
    return requests.stream()
        .filter(r -> r.getUrl().encodedPath().equals("/realms/lab" + path))
        .toList();
  }

  static String body(RecordedRequest r) {
    return r.getBody() == null ? "" : r.getBody().utf8();
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  @Override
  public void close() {
    server.close();
  }
}
