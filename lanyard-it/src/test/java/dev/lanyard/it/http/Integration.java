package dev.lanyard.it.http;

import dev.lanyard.http.AuthenticatedHttpClient;
import dev.lanyard.http.RequestAuthorizer;
import dev.lanyard.httpclient5.LanyardHttpClient5;
import dev.lanyard.okhttp.LanyardOkHttp;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/** The three HTTP integrations, each behind the same tiny client interface for the tests. */
enum Integration {
  JAVA_NET_HTTP {
    @Override
    Api client(RequestAuthorizer authorizer) {
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      AuthenticatedHttpClient client = AuthenticatedHttpClient.of(http, authorizer);
      return new Api() {
        @Override
        public Answer get(URI uri) throws IOException {
          HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build();
          try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
          }
        }

        @Override
        public void close() {}
      };
    }
  },

  OKHTTP {
    @Override
    Api client(RequestAuthorizer authorizer) {
      OkHttpClient client =
          LanyardOkHttp.install(new OkHttpClient.Builder(), authorizer)
              .callTimeout(Duration.ofSeconds(60))
              .build();
      return new Api() {
        @Override
        public Answer get(URI uri) throws IOException {
          try (Response r =
              client.newCall(new Request.Builder().url(uri.toString()).build()).execute()) {
            return new Answer(r.code(), r.body().string());
          }
        }

        @Override
        public void close() {
          client.dispatcher().executorService().shutdown();
          client.connectionPool().evictAll();
        }
      };
    }
  },

  HTTPCLIENT5 {
    @Override
    Api client(RequestAuthorizer authorizer) {
      CloseableHttpClient client =
          LanyardHttpClient5.install(HttpClients.custom(), authorizer)
              // The default pool allows 5 connections per route: too few for 32 callers.
              .setConnectionManager(
                  PoolingHttpClientConnectionManagerBuilder.create()
                      .setMaxConnTotal(64)
                      .setMaxConnPerRoute(64)
                      .build())
              .build();
      return new Api() {
        @Override
        public Answer get(URI uri) throws IOException {
          return client.execute(
              new HttpGet(uri), r -> new Answer(r.getCode(), EntityUtils.toString(r.getEntity())));
        }

        @Override
        public void close() {
          try {
            client.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };
    }
  };

  /** A client of this integration that signs requests in with {@code authorizer}. */
  abstract Api client(RequestAuthorizer authorizer);

  /** GET and read the whole answer. */
  interface Api extends AutoCloseable {
    Answer get(URI uri) throws IOException;

    @Override
    void close();
  }

  record Answer(int status, String body) {}
}
