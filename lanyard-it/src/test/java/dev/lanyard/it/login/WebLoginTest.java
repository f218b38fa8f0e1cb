package dev.lanyard.it.login;

import static dev.lanyard.it.login.Lab.ALICE_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.it.support.Browser;
import dev.lanyard.login.LoginResult;
import dev.lanyard.login.WebLogin;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A web application that owns its callback: a tiny JDK HTTP server in front of WebLogin. */
class WebLoginTest extends SignInTestBase {

  @Test
  void webLogin_appCallback_pageShowsAliceEmail() throws Exception {
    WebLogin web =
        WebLogin.builder().issuer(Lab.issuer()).client(ClientAuthentication.none("cli")).build();
    CompletableFuture<LoginResult> signedIn = new CompletableFuture<>();
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer app = HttpServer.create(new InetSocketAddress(Lab.loopback(), 0), 16);
    URI base = URI.create("http://127.0.0.1:" + app.getAddress().getPort());
    URI callback = base.resolve("/callback");
    app.createContext(
        "/login",
        exchange -> {
          exchange.getResponseHeaders().set("Location", web.authorizationUrl(callback).toString());
          send(exchange, 302, "");
        });
    app.createContext(
        "/callback",
        exchange -> {
          try {
            LoginResult result = web.complete(Lab.query(exchange.getRequestURI()));
            signedIn.complete(result);
            send(
                exchange,
                200,
                "<h1>Signed in as "
                    + result.identity().orElseThrow().email().orElseThrow()
                    + "</h1>");
          } catch (IOException | RuntimeException e) {
            signedIn.completeExceptionally(e);
            send(exchange, 400, "<h1>Sign-in failed</h1><p>" + e.getMessage() + "</p>");
          }
        });
    app.start();
    try (Browser browser = Browser.start()) {
      browser.open(base.resolve("/login"));
      browser.signIn("alice", "alice-password");
      browser.waitForText("Signed in as " + ALICE_EMAIL);

      assertThat(browser.url()).startsWith(callback + "?");
      LoginResult result = signedIn.get(10, TimeUnit.SECONDS);
      assertThat(result.identity().orElseThrow().email()).contains(ALICE_EMAIL);
      assertThat(Lab.userinfo(result.tokens()).statusCode()).isEqualTo(200);
    } finally {
      app.stop(0);
    }
  }

  private static void send(HttpExchange exchange, int status, String html) throws IOException {
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
