package dev.lanyard.it;

import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.session.TokenSession;
import dev.lanyard.store.FileTokenStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * One of the processes of {@link CrossProcessTest}: asks a session backed by the shared token file
 * for a token every 50 ms until the deadline, checks each new token at the userinfo endpoint, and
 * prints one {@code RESULT} line.
 */
public final class CrossProcessWorker {
  private CrossProcessWorker() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    URI issuer = URI.create(args[1]);
    String clientId = args[2];
    long deadline = System.currentTimeMillis() + Long.parseLong(args[3]) * 1000;
    TokenSession session =
        TokenSession.builder()
            .issuer(issuer)
            .client(ClientAuthentication.none(clientId))
            .store(FileTokenStore.at(file))
            .skew(Duration.ofSeconds(2))
            .refreshAhead(Duration.ofSeconds(1))
            .build();
    HttpClient http = HttpClient.newHttpClient();
    URI userinfo = URI.create(issuer + "/protocol/openid-connect/userinfo");
    Set<String> tokens = new HashSet<>();
    int calls = 0;
    int failures = 0;
    int rejected = 0;
    while (System.currentTimeMillis() < deadline) {
      calls++;
      try {
        TokenSet t = session.token();
        if (tokens.add(t.accessToken())) {
          HttpRequest r =
              HttpRequest.newBuilder(userinfo)
                  .header("Authorization", t.authorizationHeader())
                  .build();
          if (http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            rejected++;
          }
        }
      } catch (Exception e) {
        failures++;
        System.out.println("FAILURE " + e);
      }
      Thread.sleep(50);
    }
    System.out.println(
        "RESULT calls="
            + calls
            + " failures="
            + failures
            + " rejected="
            + rejected
            + " tokens="
            + tokens.size());
  }
}
