package dev.lanyard.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONArrayUtils;
import dev.lanyard.it.support.Keycloak;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Realm {@code lab} of the one Keycloak of the build, seen from outside Lanyard: what the tests
 * check the command line's results against (userinfo, a raw refresh request, the admin API), and
 * the shorthands that sign alice in through the launcher.
 */
final class KeycloakLab {
  static final String ALICE_EMAIL = "alice@example.org";
  static final String BOB_EMAIL = "bob@example.org";

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private KeycloakLab() {}

  static String issuer() {
    return Keycloak.get().issuer();
  }

  /**
   * Signs alice in on {@code clientId} with the password grant. The password comes from {@code
   * LANYARD_PASSWORD} for this one run, so the profile does not name a password variable and later
   * runs can only renew with the refresh token.
   */
  static Run signInAlice(Launcher lanyard, String clientId, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "login",
                "--flow",
                "password",
                "--issuer",
                issuer(),
                "--client-id",
                clientId,
                "--username",
                Keycloak.ALICE));
    args.addAll(List.of(more));
    Run r =
        lanyard.env("LANYARD_PASSWORD", Keycloak.ALICE_PASSWORD).run(args.toArray(String[]::new));
    assertThat(r.code()).as(r.toString()).isZero();
    return r;
  }

  /**
   * {@code login --flow password} for alice on client cli, the password in the variable {@code
   * passwordVariable} that {@code --password-env} names (which the profile then records).
   */
  static Run passwordLogin(Launcher lanyard, String passwordVariable) {
    return lanyard.run(
        "login",
        "--flow",
        "password",
        "--issuer",
        issuer(),
        "--client-id",
        Keycloak.CLIENT_CLI,
        "--username",
        Keycloak.ALICE,
        "--password-env",
        passwordVariable);
  }

  /** The default profile's stored token file (found by {@code status --json}) as JSON. */
  static Map<String, Object> tokenFile(Launcher lanyard) {
    return Run.Json.object(read(tokenFilePath(lanyard)));
  }

  /** Where {@code status --json} says the default profile's token file is. */
  static Path tokenFilePath(Launcher lanyard) {
    Run status = lanyard.run("status", "--json");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> profiles = (List<Map<String, Object>>) status.json().get("profiles");
    return Path.of((String) profiles.get(0).get("token_file"));
  }

  /** Keycloak's userinfo answer for this access token. */
  static HttpResponse<String> userinfo(String accessToken) {
    return send(
        HttpRequest.newBuilder(URI.create(Keycloak.get().userinfoEndpoint()))
            .header("Authorization", "Bearer " + accessToken)
            .GET());
  }

  /** The e-mail of the person the token belongs to, asserting Keycloak accepts the token. */
  static String userinfoEmail(String accessToken) {
    HttpResponse<String> r = userinfo(accessToken);
    assertThat(r.statusCode()).as("userinfo: %s", r.body()).isEqualTo(200);
    return (String) Run.Json.object(r.body()).get("email");
  }

  /** A refresh request straight to the token endpoint, as anyone holding the token could send. */
  static HttpResponse<String> refresh(String clientId, String refreshToken) {
    String form =
        "grant_type=refresh_token&client_id="
            + encode(clientId)
            + "&refresh_token="
            + encode(refreshToken);
    return send(
        HttpRequest.newBuilder(URI.create(Keycloak.get().tokenEndpoint()))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  /** A fresh initial access token for one client registration, from the admin REST API. */
  static String initialAccessToken() {
    HttpResponse<String> r =
        send(
            admin("/clients-initial-access")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"count\":1,\"expiration\":600}")));
    assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
    return (String) Run.Json.object(r.body()).get("token");
  }

  /** The realm's client with this {@code client_id}, from the admin REST API; null when none. */
  static Map<String, Object> client(String clientId) {
    HttpResponse<String> r = send(admin("/clients?clientId=" + encode(clientId)).GET());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<Object> found;
    try {
      found = JSONArrayUtils.parse(r.body());
    } catch (ParseException e) {
      throw new AssertionError("not a JSON array: " + r.body(), e);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> first = found.isEmpty() ? null : (Map<String, Object>) found.get(0);
    return first;
  }

  /** A 127.0.0.1 port nothing listens on (free a moment ago): a provider that is down. */
  static int closedPort() {
    try (ServerSocket s =
        new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HttpRequest.Builder admin(String pathAndQuery) {
    return HttpRequest.newBuilder(
            URI.create(Keycloak.get().baseUri() + "/admin/realms/" + Keycloak.REALM + pathAndQuery))
        .header("Authorization", "Bearer " + Keycloak.get().adminToken())
        .header("Accept", "application/json");
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    HttpRequest r = request.timeout(REQUEST_TIMEOUT).build();
    try {
      return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(r.method() + " " + r.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
