package dev.lanyard.it.login;

import static dev.lanyard.it.login.Lab.ALICE_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lanyard.DpopKey;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.it.support.Browser;
import dev.lanyard.it.support.Keycloak;
import dev.lanyard.login.LoginResult;
import dev.lanyard.login.WebLogin;
import dev.lanyard.redis.RedisServer;
import dev.lanyard.redis.RedisStore;
import dev.lanyard.redis.StoreKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A web app with two replicas behind one Redis signs alice in with DPoP-bound tokens (RFC 9449,
 * client {@code cli-dpop}) in headless Chromium: replica A makes the authorization URL, Keycloak
 * sends the browser to replica B's callback, and B redeems the code with the key of this sign-in
 * (the one A named in {@code dpop_jkt}), which travelled in the encrypted pending login.
 */
class WebLoginReplicasDpopTest extends SignInTestBase {
  private static final StoreKeys KEYS = StoreKeys.parse(StoreKeys.generate());
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void dpop_urlFromReplicaA_callbackOnReplicaB_tokensBoundToTheSignInsKey() throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer replicaA = HttpServer.create(new InetSocketAddress(Lab.loopback(), 0), 16);
    HttpServer replicaB = HttpServer.create(new InetSocketAddress(Lab.loopback(), 0), 16);
    URI atA = URI.create("http://127.0.0.1:" + replicaA.getAddress().getPort());
    URI callbackAtB =
        URI.create("http://127.0.0.1:" + replicaB.getAddress().getPort() + "/callback");
    AtomicReference<URI> authorizationUrl = new AtomicReference<>();
    CompletableFuture<LoginResult> signedIn = new CompletableFuture<>();
    try (RedisStore redisA = connect();
        RedisStore redisB = connect()) {
      WebLogin webA = replica(redisA);
      WebLogin webB = replica(redisB);
      replicaA.createContext(
          "/login",
          exchange -> {
            URI url = webA.authorizationUrl(callbackAtB);
            authorizationUrl.set(url);
            exchange.getResponseHeaders().set("Location", url.toString());
            send(exchange, 302, "");
          });
      replicaB.createContext(
          "/callback",
          exchange -> {
            try {
              LoginResult result = webB.complete(Lab.query(exchange.getRequestURI()));
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
      replicaA.start();
      replicaB.start();
      try (Browser browser = Browser.start()) {
        browser.open(atA.resolve("/login"));
        browser.signIn(Keycloak.ALICE, Keycloak.ALICE_PASSWORD);
        browser.waitForText("Signed in as " + ALICE_EMAIL);
        assertThat(browser.url()).startsWith(callbackAtB + "?");
      }

      LoginResult result = signedIn.get(10, TimeUnit.SECONDS);
      TokenSet tokens = result.tokens();
      String jkt = Lab.query(authorizationUrl.get()).get("dpop_jkt");
      DpopKey key = tokens.dpopKey().orElseThrow();
      assertThat(jkt).isNotBlank();
      assertThat(key.thumbprint()).isEqualTo(jkt);
      assertThat(tokens.isDpopBound()).isTrue();
      assertThat(cnfJkt(tokens.accessToken())).isEqualTo(jkt);
      assertThat(result.identity().orElseThrow().email()).contains(ALICE_EMAIL);

      URI userinfo = URI.create(Keycloak.get().userinfoEndpoint());
      HttpResponse<String> withProof =
          get(userinfo, tokens, key.proof("GET", userinfo, tokens.accessToken(), null));
      assertThat(withProof.statusCode()).isEqualTo(200);
      assertThat(withProof.body()).contains(ALICE_EMAIL);
      assertThat(get(userinfo, tokens, null).statusCode()).as("without a proof").isEqualTo(401);
    } finally {
      replicaA.stop(0);
      replicaB.stop(0);
    }
  }

  private static RedisStore connect() throws IOException {
    return RedisStore.builder(RedisServer.shared().uri())
        .keyPrefix("dpop-replicas:")
        .keys(KEYS)
        .connect();
  }

  private static WebLogin replica(RedisStore redis) {
    return WebLogin.builder()
        .issuer(Lab.issuer())
        .client(ClientAuthentication.none("cli-dpop"))
        .pendingLoginStore(redis.pendingLogins(Duration.ofMinutes(10)))
        .dpop(true)
        .build();
  }

  private static String cnfJkt(String accessToken) throws Exception {
    return (String)
        SignedJWT.parse(accessToken).getJWTClaimsSet().getJSONObjectClaim("cnf").get("jkt");
  }

  private static HttpResponse<String> get(URI uri, TokenSet tokens, String proof)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", tokens.authorizationHeader());
    if (proof != null) {
      b.header("DPoP", proof);
    }
    return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
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
