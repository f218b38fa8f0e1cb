package dev.lanyard.it.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.lanyard.DpopKey;
import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.http.RequestAuthorizer;
import dev.lanyard.it.http.Integration.Answer;
import dev.lanyard.it.support.Keycloak;
import dev.lanyard.session.TokenSession;
import dev.lanyard.store.FileTokenStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DPoP-bound tokens (RFC 9449) from Keycloak's client {@code cli-dpop}: bound to the session's key,
 * accepted by userinfo through each HTTP integration with a proof, refused without; refreshed with
 * the key from the token file after a restart; a resource server's nonce honoured.
 */
class DpopTest {
  static final String CLIENT = "cli-dpop";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;

  static TokenSession.Builder alice() {
    return TokenSession.builder()
        .issuer(URI.create(Keycloak.get().issuer()))
        .client(ClientAuthentication.none(CLIENT))
        .grant(
            Grant.password(Keycloak.ALICE, Keycloak.ALICE_PASSWORD)
                .withScope(Scope.of("openid email")))
        .dpop(true);
  }

  static URI userinfo() {
    return URI.create(Keycloak.get().userinfoEndpoint());
  }

  static String jkt(TokenSet tokens) throws Exception {
    JWTClaimsSet claims = SignedJWT.parse(tokens.accessToken()).getJWTClaimsSet();
    return (String) claims.getJSONObjectClaim("cnf").get("jkt");
  }

  @Test
  void passwordGrant_tokenBoundToTheSessionKey() throws Exception {
    TokenSet tokens = alice().build().token();
    assertThat(tokens.tokenType()).isEqualTo("DPoP");
    assertThat(tokens.isDpopBound()).isTrue();
    assertThat(jkt(tokens)).isEqualTo(tokens.dpopKey().orElseThrow().thumbprint());
  }

  @ParameterizedTest
  @EnumSource(Integration.class)
  void userinfo_throughEachIntegration_withProofsSucceeds(Integration integration)
      throws Exception {
    TokenSession session = alice().build();
    try (Integration.Api api = integration.client(RequestAuthorizer.bearer(session))) {
      Answer first = api.get(userinfo());
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.body()).contains("alice@example.org");
      assertThat(api.get(userinfo()).status()).as("a second proof, new jti").isEqualTo(200);
    }
  }

  @Test
  void stolenToken_copiedOutOfTheTokenFile_refusedWithoutTheKey() throws Exception {
    Path file = dir.resolve("tokens.json");
    alice().store(FileTokenStore.at(file)).build().token();
    String stolen =
        (String)
            com.nimbusds.jose.util.JSONObjectUtils.parse(Files.readString(file))
                .get("access_token");

    for (String scheme : List.of("Bearer ", "DPoP ")) {
      HttpResponse<String> r = get(userinfo(), Map.of("Authorization", scheme + stolen));
      assertThat(r.statusCode()).as(scheme + "without a proof").isEqualTo(401);
    }
    // A proof from another key does not help the thief either.
    DpopKey thief = DpopKey.generate();
    HttpResponse<String> r =
        get(
            userinfo(),
            Map.of(
                "Authorization",
                "DPoP " + stolen,
                "DPoP",
                thief.proof("GET", userinfo(), stolen, null)));
    assertThat(r.statusCode()).isEqualTo(401);
  }

  @Test
  void refresh_afterRestart_usesTheKeyFromTheTokenFile() throws Exception {
    Path file = dir.resolve("tokens.json");
    TokenSet first = alice().store(FileTokenStore.at(file)).build().token();
    String refreshToken = first.refreshToken().orElseThrow();

    // Without a proof the bound refresh token is worthless.
    String form =
        "grant_type=refresh_token&client_id="
            + CLIENT
            + "&refresh_token="
            + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8);
    HttpResponse<String> raw =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(Keycloak.get().tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(raw.statusCode()).isEqualTo(400);

    // A new process: nothing in memory but what the file holds; no grant, no dpop flag.
    TokenSession restarted =
        TokenSession.builder()
            .issuer(URI.create(Keycloak.get().issuer()))
            .client(ClientAuthentication.none(CLIENT))
            .store(FileTokenStore.at(file))
            .build();
    TokenSet refreshed = restarted.forceRefresh();
    assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
    assertThat(refreshed.dpopKey()).isEqualTo(first.dpopKey());
    assertThat(jkt(refreshed)).isEqualTo(first.dpopKey().orElseThrow().thumbprint());
    try (Integration.Api api =
        Integration.JAVA_NET_HTTP.client(RequestAuthorizer.bearer(restarted))) {
      assertThat(api.get(userinfo()).status()).isEqualTo(200);
    }
  }

  @Test
  void revoke_boundTokens_revokedAtKeycloak() throws Exception {
    TokenSession session = alice().build();
    TokenSet tokens = session.token();
    assertThat(session.revoke()).isTrue();
    HttpResponse<String> r =
        get(
            userinfo(),
            Map.of(
                "Authorization", tokens.authorizationHeader(),
                "DPoP",
                    tokens
                        .dpopKey()
                        .orElseThrow()
                        .proof("GET", userinfo(), tokens.accessToken(), null)));
    assertThat(r.statusCode()).isEqualTo(401);
  }

  @ParameterizedTest
  @EnumSource(Integration.class)
  void resourceServer_demandsANonceOnce_retryCarriesIt(Integration integration) throws Exception {
    TokenSession session = alice().build();
    TokenSet tokens = session.token();
    List<String> nonces = new CopyOnWriteArrayList<>();
    AtomicInteger requests = new AtomicInteger();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/data",
        exchange -> {
          requests.incrementAndGet();
          String status =
              check(
                  exchange.getRequestHeaders().getFirst("Authorization"),
                  exchange.getRequestHeaders().getFirst("DPoP"),
                  tokens,
                  nonces);
          int code = status.equals("ok") ? 200 : 401;
          if (status.equals("nonce")) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "DPoP error=\"use_dpop_nonce\"");
            exchange.getResponseHeaders().add("DPoP-Nonce", "n-1");
          }
          byte[] body = status.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(code, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try (Integration.Api api = integration.client(RequestAuthorizer.bearer(session))) {
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/data?q=1");
      assertThat(api.get(uri)).isEqualTo(new Answer(200, "ok"));
      assertThat(api.get(uri)).isEqualTo(new Answer(200, "ok"));
      assertThat(requests.get())
          .as("one nonce challenge, then the nonce is remembered")
          .isEqualTo(3);
      assertThat(nonces).containsExactly("none", "n-1", "n-1");
    } finally {
      server.stop(0);
    }
  }

  /** What a resource server checks (RFC 9449 §7.1), plus the nonce it demands. */
  private static String check(
      String authorization, String proof, TokenSet tokens, List<String> nonces) {
    try {
      if (authorization == null
          || !authorization.equals("DPoP " + tokens.accessToken())
          || proof == null) {
        return "no dpop";
      }
      SignedJWT jwt = SignedJWT.parse(proof);
      JWTClaimsSet c = jwt.getJWTClaimsSet();
      String nonce = c.getStringClaim("nonce");
      nonces.add(nonce == null ? "none" : nonce);
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(tokens.accessToken().getBytes(StandardCharsets.US_ASCII));
      boolean ok =
          jwt.verify(new com.nimbusds.jose.crypto.ECDSAVerifier(jwt.getHeader().getJWK().toECKey()))
              && jwt.getHeader().getJWK().computeThumbprint().toString().equals(jkt(tokens))
              && "GET".equals(c.getStringClaim("htm"))
              && c.getStringClaim("htu").endsWith("/data")
              && Base64.getUrlEncoder()
                  .withoutPadding()
                  .encodeToString(hash)
                  .equals(c.getStringClaim("ath"));
      if (!ok) {
        return "bad proof";
      }
      return "n-1".equals(nonce) ? "ok" : "nonce";
    } catch (Exception e) {
      return "bad proof: " + e;
    }
  }

  private static HttpResponse<String> get(URI uri, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
    headers.forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
