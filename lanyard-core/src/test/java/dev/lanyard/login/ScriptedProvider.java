package dev.lanyard.login;

import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A provider's token and device endpoints, scripted per path: answers queued for a path come first,
 * then the path's default answer. Records every form posted.
 */
final class ScriptedProvider implements AutoCloseable {
  static final URI ISSUER = URI.create("https://id.example.org/realms/lab");
  static final URI AUTHORIZE = URI.create("https://id.example.org/realms/lab/auth");
  static final String ACCESS = "at-Qw7xUNIQUE";
  static final String REFRESH = "rt-Zk2pUNIQUE";
  static final String TOKENS =
      "{\"access_token\":\""
          + ACCESS
          + "\",\"token_type\":\"Bearer\",\"expires_in\":300,"
          + "\"refresh_token\":\""
          + REFRESH
          + "\",\"scope\":\"openid offline_access\"}";

  private final MockWebServer server = new MockWebServer();
  private final Map<String, Deque<MockResponse>> queued = new ConcurrentHashMap<>();
  private final Map<String, MockResponse> defaults = new ConcurrentHashMap<>();
  private final Map<String, List<Map<String, String>>> forms = new ConcurrentHashMap<>();
  private final Map<String, List<String>> dpopProofs = new ConcurrentHashMap<>();

  ScriptedProvider() throws IOException {
    defaults.put("/token", json(200, TOKENS));
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            String body = request.getBody() == null ? "" : request.getBody().utf8();
            forms
                .computeIfAbsent(
                    path, p -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(parseForm(body));
            String proof = request.getHeaders().get("DPoP");
            if (proof != null) {
              dpopProofs
                  .computeIfAbsent(
                      path, p -> java.util.Collections.synchronizedList(new ArrayList<>()))
                  .add(proof);
            }
            Deque<MockResponse> q = queued.get(path);
            synchronized (ScriptedProvider.this) {
              if (q != null && !q.isEmpty()) {
                return q.poll();
              }
            }
            return defaults.getOrDefault(path, json(404, "{\"error\":\"not_found\"}"));
          }
        });
    server.start();
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  static MockResponse error(int code, String error) {
    return json(code, "{\"error\":\"" + error + "\"}");
  }

  synchronized ScriptedProvider then(String path, MockResponse response) {
    queued.computeIfAbsent(path, p -> new ArrayDeque<>()).add(response);
    return this;
  }

  ScriptedProvider byDefault(String path, MockResponse response) {
    defaults.put(path, response);
    return this;
  }

  URI uri(String path) {
    return server.url(path).uri();
  }

  /** Metadata naming this server's token and device endpoints. */
  ProviderMetadata.Builder metadata() {
    return ProviderMetadata.builder(uri("/token"))
        .issuer(ISSUER)
        .authorizationEndpoint(AUTHORIZE)
        .deviceAuthorizationEndpoint(uri("/device"));
  }

  List<Map<String, String>> forms(String path) {
    return List.copyOf(forms.getOrDefault(path, List.of()));
  }

  /** The {@code DPoP} headers of the requests to {@code path}, in order. */
  List<String> dpopProofs(String path) {
    return List.copyOf(dpopProofs.getOrDefault(path, List.of()));
  }

  /** No retries inside the transport: tests script every answer. */
  static Transport transport() {
    return Transport.builder().maxRetries(0).requestTimeout(Duration.ofSeconds(5)).build();
  }

  static Map<String, String> parseForm(String encoded) {
    Map<String, String> form = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return form;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      form.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return form;
  }

  /** The decoded query of a URL. */
  static Map<String, String> query(URI uri) {
    return parseForm(uri.getRawQuery());
  }

  @Override
  public void close() {
    server.close();
  }
}
