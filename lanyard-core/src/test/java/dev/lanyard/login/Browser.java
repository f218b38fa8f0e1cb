package dev.lanyard.login;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** What a browser (or anything else on this machine) does to the loopback server. */
public final class Browser {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  private Browser() {}

  public static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return CLIENT.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The provider's redirect back to the loopback server, with this query. */
  public static URI redirect(URI authorizationUrl, String query) {
    return URI.create(ScriptedProvider.query(authorizationUrl).get("redirect_uri") + "?" + query);
  }

  public static String state(URI authorizationUrl) {
    return ScriptedProvider.query(authorizationUrl).get("state");
  }

  public static int port(URI authorizationUrl) {
    return URI.create(ScriptedProvider.query(authorizationUrl).get("redirect_uri")).getPort();
  }

  /** Sends raw bytes and reads the answer until the server closes. */
  public static String raw(int port, String request) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      s.setSoTimeout(15_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      for (int n; (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, n);
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  /** For a server that closes on its own: waits up to 3 s for the port to close. */
  public static void awaitPortClosed(int port) throws InterruptedException {
    long end = System.nanoTime() + 3_000_000_000L;
    while (System.nanoTime() < end) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      } catch (ConnectException closed) {
        return;
      } catch (IOException other) {
        // retry
      }
      Thread.sleep(20);
    }
    assertPortClosed(port);
  }

  public static void assertPortClosed(int port) {
    assertThatThrownBy(
            () -> {
              try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
              }
            })
        .isInstanceOf(ConnectException.class);
  }
}
