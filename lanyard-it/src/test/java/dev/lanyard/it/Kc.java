package dev.lanyard.it;

import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.it.support.Keycloak;
import dev.lanyard.session.TokenSession;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Shorthands for tests against the realm in keycloak/realm-lab.json. */
final class Kc {
  static final String SERVICE_SECRET = "service-secret";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Kc() {}

  static Keycloak kc() {
    return Keycloak.get();
  }

  static URI issuer() {
    return URI.create(kc().issuer());
  }

  static URI tokenEndpoint() {
    return URI.create(kc().tokenEndpoint());
  }

  static TokenSession.Builder password(String clientId, String user, String password) {
    return TokenSession.builder()
        .issuer(issuer())
        .client(ClientAuthentication.none(clientId))
        // openid: Keycloak's userinfo endpoint serves only tokens with that scope.
        .grant(Grant.password(user, password).withScope(Scope.of("openid email")));
  }

  static TokenSession.Builder alice(String clientId) {
    return password(clientId, "alice", "alice-password");
  }

  /** The HTTP status of Keycloak's userinfo endpoint for this access token: 200 when it is good. */
  static int userinfoStatus(TokenSet tokens) throws IOException, InterruptedException {
    return userinfo(tokens).statusCode();
  }

  static HttpResponse<String> userinfo(TokenSet tokens) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(kc().issuer() + "/protocol/openid-connect/userinfo"))
            .header("Authorization", tokens.authorizationHeader())
            .GET()
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Presents a refresh token directly, outside any session: the HTTP status Keycloak answers. */
  static HttpResponse<String> rawRefresh(String clientId, String refreshToken)
      throws IOException, InterruptedException {
    String form =
        "grant_type=refresh_token&client_id="
            + clientId
            + "&refresh_token="
            + java.net.URLEncoder.encode(refreshToken, java.nio.charset.StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(tokenEndpoint())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
