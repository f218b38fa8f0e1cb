package dev.lanyard.it.exchange;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.it.support.Keycloak;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.session.TokenSession;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;

/** Shorthands for the exchange and URL-token tests against realm {@code lab}. */
final class Realm {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Realm() {}

  static URI issuer() {
    return URI.create(Keycloak.get().issuer());
  }

  static ProviderMetadata provider() throws IOException {
    return ProviderMetadata.discover(issuer());
  }

  /** A person's session at a public client, by password grant, with {@code openid}. */
  static TokenSession person(String clientId, String user, String password) {
    return TokenSession.builder()
        .issuer(issuer())
        .client(ClientAuthentication.none(clientId))
        .grant(Grant.password(user, password).withScope(Scope.of("openid")))
        .build();
  }

  static TokenSession alice(String clientId) {
    return person(clientId, Keycloak.ALICE, Keycloak.ALICE_PASSWORD);
  }

  /** The confidential client {@code service}, with this grant. */
  static TokenSession service(Grant grant) {
    return TokenSession.builder()
        .issuer(issuer())
        .client(
            ClientAuthentication.secretBasic(
                Keycloak.CLIENT_SERVICE, Keycloak.CLIENT_SERVICE_SECRET))
        .grant(grant)
        .build();
  }

  /** The claims of a JWT, unverified: for assertions about what Keycloak issued. */
  static JWTClaimsSet claims(String jwt) {
    try {
      return SignedJWT.parse(jwt).getJWTClaimsSet();
    } catch (ParseException e) {
      throw new AssertionError("not a signed JWT", e);
    }
  }

  static JWTClaimsSet claims(TokenSet tokens) {
    return claims(tokens.accessToken());
  }

  /** Keycloak's userinfo answer for this access token. */
  static HttpResponse<String> userinfo(String accessToken)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(Keycloak.get().userinfoEndpoint()))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + accessToken)
            .GET()
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
