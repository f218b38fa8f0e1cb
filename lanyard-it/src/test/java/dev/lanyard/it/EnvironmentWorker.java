package dev.lanyard.it;

import dev.lanyard.TokenSet;
import dev.lanyard.session.TokenSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A separate JVM that signs in with {@code TokenSession.fromEnvironment(prefix)} and nothing else,
 * then prints what a test can check without printing the token: whether it has credentials, the
 * token's {@code azp}, and the userinfo status and body (or the error).
 */
public final class EnvironmentWorker {
  private EnvironmentWorker() {}

  public static void main(String[] args) throws Exception {
    String prefix = args[0];
    // The README's three lines, with the prefix from the test (MYAPI there):
    TokenSession session = TokenSession.fromEnvironment(prefix);
    boolean ready = session.hasCredentials();
    System.out.println("hasCredentials=" + ready);
    TokenSet tokens;
    try {
      String token = session.token().accessToken();
      tokens = session.current().orElseThrow();
      System.out.println("token=" + (token.equals(tokens.accessToken()) ? "current" : "other"));
    } catch (Exception e) {
      System.out.println("error=" + e.getClass().getSimpleName() + ": " + e.getMessage());
      return;
    }
    String payload = tokens.accessToken().split("\\.")[1];
    String claims = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
    int at = claims.indexOf("\"azp\":\"");
    System.out.println("azp=" + claims.substring(at + 7, claims.indexOf('"', at + 7)));
    String issuer = System.getenv(prefix + "_ISSUER");
    HttpResponse<String> userinfo =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/userinfo"))
                    .header("Authorization", tokens.authorizationHeader())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    System.out.println("userinfo=" + userinfo.statusCode() + " " + userinfo.body());
  }
}
