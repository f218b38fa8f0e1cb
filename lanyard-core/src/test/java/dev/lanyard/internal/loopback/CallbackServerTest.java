package dev.lanyard.internal.loopback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.login.Browser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The loopback server's own limits, with real sockets and a handler that only records. */
@Timeout(30)
class CallbackServerTest {
  private final List<String> handled = new CopyOnWriteArrayList<>();
  private final CountDownLatch expired = new CountDownLatch(1);
  private CallbackServer server;

  private final CallbackServer.Handler recorder =
      new CallbackServer.Handler() {
        @Override
        public CallbackServer.Reply handle(CallbackRequest request) {
          handled.add(request.method() + " " + request.path());
          return CallbackServer.Reply.of(Page.notFound());
        }

        @Override
        public void expired() {
          expired.countDown();
        }

        @Override
        public void failed(IOException e) {}
      };

  private void start(Duration headTimeout, Duration deadline) throws IOException {
    server = CallbackServer.bind(0, headTimeout);
    server.start(recorder, System.nanoTime() + deadline.toNanos());
  }

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void bind_loopbackAddressOnly() throws IOException {
    start(Duration.ofSeconds(5), Duration.ofSeconds(10));
    assertThat(server.address().getHostAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void silentConnection_droppedAfterHeadTimeout() throws IOException {
    start(Duration.ofMillis(200), Duration.ofSeconds(10));
    try (Socket idle = new Socket("127.0.0.1", server.port())) {
      idle.setSoTimeout(5000);
      long t0 = System.nanoTime();
      assertThat(readAll(idle.getInputStream())).isEmpty(); // closed without an answer
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }
    assertThat(handled).isEmpty();
  }

  @Test
  void slowHead_droppedAtDeadlineEvenWhileSending() throws Exception {
    start(Duration.ofMillis(300), Duration.ofSeconds(10));
    try (Socket slow = new Socket("127.0.0.1", server.port())) {
      slow.setSoTimeout(5000);
      OutputStream out = slow.getOutputStream();
      boolean dropped = false;
      long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      while (!dropped && System.nanoTime() < end) {
        try {
          out.write('X'); // one byte at a time: a slowloris never finishes its head
          out.flush();
          Thread.sleep(20);
        } catch (SocketException e) {
          dropped = true;
        }
      }
      if (!dropped) {
        assertThat(readAll(slow.getInputStream())).isEmpty();
      }
    }
    assertThat(handled).isEmpty();
  }

  @Test
  void oversizedHead_431() throws IOException {
    start(Duration.ofSeconds(5), Duration.ofSeconds(10));
    String huge =
        "GET /callback HTTP/1.1\r\nCookie: " + "a".repeat(CallbackConnection.MAX_HEAD) + "\r\n\r\n";
    String answer;
    try {
      answer = Browser.raw(server.port(), huge);
    } catch (SocketException reset) {
      answer = "HTTP/1.1 431 (connection reset while sending)";
    }
    assertThat(answer).startsWith("HTTP/1.1 431");
    assertThat(handled).isEmpty();
  }

  @Test
  void beyondMaxConnections_oldestDropped_newRequestServed() throws IOException {
    start(Duration.ofSeconds(10), Duration.ofSeconds(20));
    List<Socket> idle = new ArrayList<>();
    try {
      for (int i = 0; i < CallbackServer.MAX_CONNECTIONS + 20; i++) {
        idle.add(new Socket("127.0.0.1", server.port()));
      }
      String answer = Browser.raw(server.port(), "GET /x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      assertThat(answer).startsWith("HTTP/1.1 404 ");
      idle.get(0).setSoTimeout(5000);
      assertThat(readAll(idle.get(0).getInputStream())).isEmpty();
    } finally {
      for (Socket s : idle) {
        s.close();
      }
    }
    assertThat(handled).containsExactly("GET /x");
  }

  @Test
  void deadline_expiredReportedAndPortClosed() throws Exception {
    start(Duration.ofSeconds(5), Duration.ofMillis(100));
    assertThat(expired.await(3, TimeUnit.SECONDS)).isTrue();
    server.close();
    Browser.assertPortClosed(server.port());
  }

  @Test
  void close_freesPortBeforeReturning() throws IOException {
    start(Duration.ofSeconds(5), Duration.ofSeconds(10));
    int port = server.port();
    try (Socket open = new Socket("127.0.0.1", port)) {
      assertThat(open.isConnected()).isTrue();
      server.close();
      Browser.assertPortClosed(port);
    }
  }

  @Test
  void bareLfHead_understood() throws IOException {
    start(Duration.ofSeconds(5), Duration.ofSeconds(10));
    assertThat(Browser.raw(server.port(), "GET /lf HTTP/1.0\nHost: 127.0.0.1\n\n"))
        .startsWith("HTTP/1.1 404 ");
    assertThat(handled).containsExactly("GET /lf");
  }

  private static String readAll(InputStream in) throws IOException {
    try {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (SocketException reset) {
      return "";
    }
  }
}
