package dev.lanyard.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.ProviderUnreachableException;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Failures below HTTP: nothing listening, or a server that accepts and never answers. */
class ExchangeUnreachableTest {
  private static final Transport TRANSPORT =
      Transport.builder()
          .maxRetries(2)
          .initialBackoff(Duration.ofMillis(5))
          .maxBackoff(Duration.ofMillis(10))
          .connectTimeout(Duration.ofSeconds(2))
          .requestTimeout(Duration.ofMillis(500))
          .build();

  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private ServerSocket silent;

  @AfterEach
  void closeSockets() throws IOException {
    if (silent != null) {
      silent.close();
    }
    for (Socket s : accepted) {
      s.close();
    }
  }

  /** A port on 127.0.0.1 that was free a moment ago and has nothing listening now. */
  private static int deadPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Accepts connections, reads nothing, answers nothing. */
  private URI silentServer() throws IOException {
    silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              try {
                while (true) {
                  accepted.add(silent.accept());
                }
              } catch (IOException closed) {
                // the test is over
              }
            },
            "silent-server");
    acceptor.setDaemon(true);
    acceptor.start();
    return URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/token");
  }

  private static HttpRequest post(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(TRANSPORT.requestTimeout())
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=rt"))
        .build();
  }

  @Test
  void send_connectionRefused_unreachableNamingHostPortAfterRetries() throws IOException {
    int port = deadPort();
    URI uri = URI.create("http://127.0.0.1:" + port + "/token");

    assertThatThrownBy(
            () -> Exchange.of(TRANSPORT, waits::add).send(post(uri), false, "the token endpoint"))
        .isInstanceOf(ProviderUnreachableException.class)
        .hasMessageContaining("the token endpoint")
        .hasMessageContaining("127.0.0.1:" + port)
        .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("connection refused"))
        .hasMessageEndingWith("(3 attempts)");
    assertThat(waits).hasSize(2);
  }

  @Test
  void send_unknownHost_notReportedAsConnectionRefused() {
    // RFC 6761: .invalid never resolves. A typo in a host name must not send people hunting
    // for a server that is down.
    URI uri = URI.create("https://no-such-host.invalid/token");
    Transport once = TRANSPORT.newBuilder().maxRetries(0).build();

    assertThatThrownBy(() -> Exchange.send(once, post(uri), true, "the token endpoint"))
        .isInstanceOf(ProviderUnreachableException.class)
        .hasMessageContaining("no-such-host.invalid")
        .satisfies(
            e -> assertThat(e.getMessage()).doesNotContainIgnoringCase("connection refused"));
  }

  @Test
  void send_silentServerNotReplayable_timesOutOnceQuickly() throws IOException {
    URI uri = silentServer();

    long start = System.nanoTime();
    assertThatThrownBy(() -> Exchange.send(TRANSPORT, post(uri), false, "the token endpoint"))
        .isInstanceOf(ProviderUnreachableException.class)
        .hasMessageContaining("127.0.0.1:" + uri.getPort())
        .hasMessageContaining("no answer within")
        .hasMessageNotContaining("attempts");
    long tookMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(tookMillis).isBetween(400L, 2000L);
    assertThat(accepted).hasSize(1);
  }

  @Test
  void send_silentServer_messageStatesTheRealTimeout() throws IOException {
    URI uri = silentServer();

    // A 500 ms timeout must not be reported as "0 s".
    assertThatThrownBy(() -> Exchange.send(TRANSPORT, post(uri), false, "the token endpoint"))
        .isInstanceOf(ProviderUnreachableException.class)
        .hasMessageContaining("no answer within")
        .hasMessageNotContaining("within 0 s");
  }

  @Test
  void send_silentServerReplayable_retriedThenUnreachable() throws IOException {
    URI uri = silentServer();
    Transport oneRetry = TRANSPORT.newBuilder().maxRetries(1).build();

    assertThatThrownBy(
            () -> Exchange.of(oneRetry, waits::add).send(post(uri), true, "the token endpoint"))
        .isInstanceOf(ProviderUnreachableException.class)
        .hasMessageEndingWith("(2 attempts)");
    assertThat(accepted).hasSize(2);
    assertThat(waits).hasSize(1);
  }
}
