package dev.lanyard.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.AuthorizationDeniedException;
import dev.lanyard.InvalidTokenException;
import dev.lanyard.LoginTimeoutException;
import dev.lanyard.client.ClientAuthentication;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The loopback callback server with real sockets: what it binds, what it answers, what it survives.
 */
@Timeout(30)
class BrowserLoginServerTest {
  private final List<String> printed = Collections.synchronizedList(new ArrayList<>());
  private ScriptedProvider provider;
  private BrowserLogin login;

  @BeforeEach
  void setUp() throws IOException {
    provider = new ScriptedProvider();
  }

  @AfterEach
  void tearDown() {
    if (login != null) {
      login.cancel();
    }
    provider.close();
  }

  private BrowserLogin.Builder builder() {
    return BrowserLogin.builder()
        .provider(provider.metadata().build())
        .client(ClientAuthentication.none("lab-cli"))
        .transport(ScriptedProvider.transport())
        .loopback(options());
  }

  private LoopbackOptions options() {
    return LoopbackOptions.defaults().withLauncher(BrowserLauncher.NONE).withPrinter(printed::add);
  }

  private URI start() throws IOException {
    login = builder().build();
    return login.start();
  }

  private HttpResponse<String> callback(URI url, String query) throws Exception {
    return Browser.get(Browser.redirect(url, query));
  }

  @Test
  void start_bindsLoopbackOnly_redirectUriNamesBoundPort() throws Exception {
    URI url = start();
    URI redirect = URI.create(ScriptedProvider.query(url).get("redirect_uri"));
    assertThat(redirect.getScheme()).isEqualTo("http");
    assertThat(redirect.getHost()).isEqualTo("127.0.0.1");
    assertThat(redirect.getPath()).isEqualTo("/callback");
    int port = redirect.getPort();
    assertThat(port).isPositive();

    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address.isLoopbackAddress() || !(address instanceof Inet4Address)) {
          continue;
        }
        assertThatThrownBy(
                () -> {
                  try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(address, port), 1000);
                  }
                })
            .as("reachable on %s", address)
            .isInstanceOf(IOException.class);
      }
    }
    assertThat(printed).anyMatch(line -> line.contains(url.toString()));
  }

  @Test
  void fixedPort_inUse_messageNamesPort() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      BrowserLogin l = builder().loopback(options().withPort(port)).build();
      assertThatThrownBy(l::start)
          .isInstanceOf(BindException.class)
          .hasMessage(
              "port " + port + " on 127.0.0.1 is already in use; choose another port or free it");
      assertThatThrownBy(l::await).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void fixedPort_free_redirectUriUsesIt() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      port = probe.getLocalPort();
    }
    login = builder().loopback(options().withPort(port).withCallbackPath("/oauth/done")).build();
    URI url = login.start();
    assertThat(ScriptedProvider.query(url))
        .containsEntry("redirect_uri", "http://127.0.0.1:" + port + "/oauth/done");
  }

  @Test
  void otherPath_404_andTheWaitGoesOn() throws Exception {
    URI url = start();
    int port = Browser.port(url);
    assertThat(Browser.get(URI.create("http://127.0.0.1:" + port + "/favicon.ico")).statusCode())
        .isEqualTo(404);
    assertThat(Browser.get(URI.create("http://127.0.0.1:" + port + "/")).statusCode())
        .isEqualTo(404);

    assertThat(callback(url, "code=c-1&state=" + Browser.state(url)).statusCode()).isEqualTo(200);
    assertThat(login.await().tokens().accessToken()).isEqualTo(ScriptedProvider.ACCESS);
  }

  @Test
  void wrongOrMissingState_400_refusedAndTheWaitGoesOn() throws Exception {
    URI url = start();
    HttpResponse<String> wrong = callback(url, "code=attacker&state=forged");
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(wrong.body()).contains("state mismatch");
    assertThat(callback(url, "code=attacker").statusCode()).isEqualTo(400);
    assertThat(provider.forms("/token")).isEmpty();

    assertThat(callback(url, "code=c-1&state=" + Browser.state(url)).body())
        .contains("Signed in. You can close this tab.");
    assertThat(login.await().tokens().refreshToken()).contains(ScriptedProvider.REFRESH);
    assertThat(provider.forms("/token"))
        .singleElement()
        .satisfies(f -> assertThat(f).containsEntry("code", "c-1"));
  }

  @Test
  void otherMethod_405() throws Exception {
    URI url = start();
    String answer =
        Browser.raw(
            Browser.port(url),
            "POST /callback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 405 ").contains("Allow: GET");
  }

  @Test
  void foreignHostHeader_400() throws Exception {
    URI url = start();
    int port = Browser.port(url);
    String answer =
        Browser.raw(
            port,
            "GET /callback?code=x&state="
                + Browser.state(url)
                + " HTTP/1.1\r\nHost: evil.example:"
                + port
                + "\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 400 ");
    assertThat(callback(url, "code=c-1&state=" + Browser.state(url)).statusCode()).isEqualTo(200);
  }

  @Test
  void pages_securityHeaders() throws Exception {
    URI url = start();
    HttpResponse<String> page = callback(url, "code=c-1&state=" + Browser.state(url));
    assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'"));
  }

  @Test
  void garbageIdleAndManyConnections_realCallbackStillServed() throws Exception {
    URI url = start();
    int port = Browser.port(url);
    List<Socket> sockets = new ArrayList<>();
    try {
      Random random = new Random(42);
      for (int i = 0; i < 50; i++) {
        Socket s = new Socket("127.0.0.1", port);
        sockets.add(s);
        OutputStream out = s.getOutputStream();
        switch (i % 3) {
          case 0 -> {} // connects and never sends anything
          case 1 -> { // binary garbage, never a complete head
            byte[] junk = new byte[512];
            random.nextBytes(junk);
            out.write(junk);
          }
          default ->
              out.write(
                  "GET /callback?state=".getBytes(StandardCharsets.US_ASCII)); // half a request
        }
        out.flush();
      }
      assertThat(Browser.raw(port, "\u0000\u00ff garbage \r\n\r\n")).startsWith("HTTP/1.1 400 ");

      long t0 = System.nanoTime();
      HttpResponse<String> page = callback(url, "code=c-1&state=" + Browser.state(url));
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
      assertThat(login.await().tokens().accessToken()).isEqualTo(ScriptedProvider.ACCESS);
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
    Browser.assertPortClosed(port);
  }

  @Test
  void errorCallback_accessDenied_escapedPageAndDenied() throws Exception {
    URI url = start();
    HttpResponse<String> page =
        callback(
            url,
            "error=access_denied&error_description=%3Cscript%3Ealert(1)%3C%2Fscript%3E&state="
                + Browser.state(url));
    assertThat(page.body())
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>");
    assertThat(page.body()).contains("access_denied");

    assertThatThrownBy(login::await)
        .isInstanceOf(AuthorizationDeniedException.class)
        .satisfies(
            e -> assertThat(((AuthorizationDeniedException) e).error()).isEqualTo("access_denied"));
    assertThat(provider.forms("/token")).isEmpty();
    Browser.assertPortClosed(Browser.port(url));
  }

  @Test
  void issMismatch_refused() throws Exception {
    URI url = start();
    HttpResponse<String> page =
        callback(url, "code=c-1&iss=https%3A%2F%2Fevil.example.org&state=" + Browser.state(url));
    assertThat(page.statusCode()).isEqualTo(500);
    assertThatThrownBy(login::await)
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("https://evil.example.org")
        .hasMessageContaining("RFC 9207");
    assertThat(provider.forms("/token")).isEmpty();
  }

  @Test
  void issMatching_accepted() throws Exception {
    URI url = start();
    String iss =
        java.net.URLEncoder.encode(ScriptedProvider.ISSUER.toString(), StandardCharsets.UTF_8);
    assertThat(callback(url, "code=c-1&iss=" + iss + "&state=" + Browser.state(url)).statusCode())
        .isEqualTo(200);
    assertThat(login.await().tokens().accessToken()).isEqualTo(ScriptedProvider.ACCESS);
  }

  @Test
  void secondCallback_afterSuccess_portClosed() throws Exception {
    URI url = start();
    callback(url, "code=c-1&state=" + Browser.state(url));
    login.await();
    Browser.assertPortClosed(Browser.port(url));
    assertThatThrownBy(() -> callback(url, "code=c-2&state=" + Browser.state(url)))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void success_serverStopsEvenBeforeAwait() throws Exception {
    URI url = start();
    assertThat(callback(url, "code=c-1&state=" + Browser.state(url)).statusCode()).isEqualTo(200);
    Browser.awaitPortClosed(Browser.port(url));
    assertThat(login.await().tokens().accessToken()).isEqualTo(ScriptedProvider.ACCESS);
  }

  @Test
  void timeout_loginTimeoutQuickly_portClosed() throws Exception {
    login = builder().loopback(options().withTimeout(Duration.ofMillis(300))).build();
    URI url = login.start();
    long t0 = System.nanoTime();
    assertThatThrownBy(login::await)
        .isInstanceOf(LoginTimeoutException.class)
        .hasMessage("no sign-in arrived within 300 ms; run the login again");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    Browser.assertPortClosed(Browser.port(url));
  }

  @Test
  void timeout_withoutAwait_portClosedAnyway() throws Exception {
    login = builder().loopback(options().withTimeout(Duration.ofMillis(200))).build();
    int port = Browser.port(login.start());
    Browser.awaitPortClosed(port); // nobody awaits: the server's own deadline closes it
  }
}
