package dev.lanyard.it;

import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.http.AuthenticatedHttpClient;
import dev.lanyard.http.RequestAuthorizer;
import dev.lanyard.session.TokenSession;
import dev.lanyard.store.FileTokenStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One of the processes of {@link DpopStampedeTest}: a session on the shared DPoP token file, ready
 * before the start signal (a line on standard input), then one userinfo call through the JDK
 * integration, with a proof made with the key from the file. Prints {@code READY}, then one {@code
 * RESULT} line.
 */
public final class DpopStampedeWorker {
  private DpopStampedeWorker() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    URI issuer = URI.create(args[1]);
    TokenSession session =
        TokenSession.builder()
            .issuer(issuer)
            .client(ClientAuthentication.none(args[2]))
            .store(FileTokenStore.at(file))
            .build();
    AuthenticatedHttpClient api =
        AuthenticatedHttpClient.of(HttpClient.newHttpClient(), RequestAuthorizer.bearer(session));
    URI userinfo = URI.create(issuer + "/protocol/openid-connect/userinfo");
    System.out.println("READY");
    System.out.flush();
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    try {
      HttpResponse<Void> r =
          api.send(
              HttpRequest.newBuilder(userinfo).build(), HttpResponse.BodyHandlers.discarding());
      TokenSet t = session.current().orElseThrow();
      System.out.println(
          "RESULT status="
              + r.statusCode()
              + " bound="
              + t.isDpopBound()
              + " jkt="
              + t.dpopKey().map(k -> k.thumbprint()).orElse("-"));
    } catch (Exception e) {
      System.out.println("RESULT failure " + e);
    }
  }
}
