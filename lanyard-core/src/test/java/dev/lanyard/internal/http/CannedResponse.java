package dev.lanyard.internal.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** A JDK {@link HttpResponse} built in memory, to feed {@link TokenEndpoint#parse} without I/O. */
record CannedResponse(int statusCode, String contentType, String body)
    implements HttpResponse<String> {
  static final URI URI = java.net.URI.create("https://id.example.org/token");

  static CannedResponse json(int status, String body) {
    return new CannedResponse(status, "application/json", body);
  }

  @Override
  public HttpRequest request() {
    return HttpRequest.newBuilder(URI).build();
  }

  @Override
  public Optional<HttpResponse<String>> previousResponse() {
    return Optional.empty();
  }

  @Override
  public HttpHeaders headers() {
    return HttpHeaders.of(Map.of("Content-Type", List.of(contentType)), (k, v) -> true);
  }

  @Override
  public Optional<SSLSession> sslSession() {
    return Optional.empty();
  }

  @Override
  public URI uri() {
    return URI;
  }

  @Override
  public HttpClient.Version version() {
    return HttpClient.Version.HTTP_1_1;
  }
}
