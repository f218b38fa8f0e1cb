package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.http.AuthenticatedHttpClient;
import dev.lanyard.http.RequestAuthorizer;
import dev.lanyard.session.TokenSession;
import dev.lanyard.store.TokenStore;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's conventions against Keycloak: a session from environment variables (and {@code .env}
 * secrets) in a separate JVM, a grant defined as data, and HTTP Basic with a password supplier.
 */
class EnvironmentAndExtensionTest {
  @TempDir Path dir;

  /** Runs {@link EnvironmentWorker} in {@code dir} with exactly {@code env} (plus PATH). */
  private String worker(String prefix, Map<String, String> env) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                EnvironmentWorker.class.getName(),
                prefix)
            .directory(dir.toFile())
            .redirectErrorStream(true);
    String path = System.getenv("PATH");
    pb.environment().clear();
    pb.environment().put("PATH", path == null ? "/usr/bin:/bin" : path);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  @Test
  void fromEnvironment_passwordFromDotenv_signsInAlice_dotenvIssuerIgnored() throws Exception {
    Files.writeString(
        dir.resolve(".env"),
        "LANYARD_PASSWORD=alice-password\n"
            + "LANYARD_ISSUER=http://127.0.0.1:9/realms/planted\n"
            + "LANYARD_CLIENT_ID=planted\n");
    String out =
        worker(
            "LANYARD",
            Map.of(
                "LANYARD_ISSUER", Kc.kc().issuer(),
                "LANYARD_CLIENT_ID", "cli",
                "LANYARD_USERNAME", "alice",
                "LANYARD_SCOPE", "openid email"));
    assertThat(out).contains("hasCredentials=true", "azp=cli", "userinfo=200");
    assertThat(out).contains("\"preferred_username\":\"alice\"");
    assertThat(out).contains("Ignoring LANYARD_ISSUER, LANYARD_CLIENT_ID in");
  }

  @Test
  void fromEnvironment_sdkPrefix_clientCredentials() throws Exception {
    String out =
        worker(
            "MYAPI",
            Map.of(
                "MYAPI_ISSUER",
                Kc.kc().issuer(),
                "MYAPI_CLIENT_ID",
                "service",
                "MYAPI_CLIENT_SECRET",
                Kc.SERVICE_SECRET));
    assertThat(out).contains("hasCredentials=true", "azp=service");
  }

  @Test
  void fromEnvironment_nothingSet_noCredentials_namesTheVariables() throws Exception {
    String out = worker("MYAPI", Map.of());
    assertThat(out)
        .contains("hasCredentials=false")
        .contains(
            "error=NoCredentialsException: no credentials in the environment: set MYAPI_ISSUER"
                + " (or MYAPI_TOKEN_ENDPOINT), MYAPI_CLIENT_ID, MYAPI_CLIENT_SECRET (or"
                + " MYAPI_USERNAME and MYAPI_PASSWORD)");
  }

  /**
   * A grant Lanyard does not ship, as data: here Keycloak's password grant spelt out by hand, so a
   * real provider checks the wire form; the session stores, refreshes and re-sends it.
   */
  @Test
  void extensionGrant_asData_tokensFromKeycloak_refreshAndReauthentication() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    TokenStore store = TokenStore.memory();
    TokenSession session =
        TokenSession.builder()
            .issuer(Kc.issuer())
            .client(ClientAuthentication.none("cli"))
            .grant(
                Grant.extension("password")
                    .withParameter("username", "alice")
                    .withSecret(
                        "password",
                        () -> {
                          asked.incrementAndGet();
                          return "alice-password";
                        })
                    .withScope(dev.lanyard.Scope.of("openid email"))
                    .withReauthentication(true))
            .store(store)
            .build();
    TokenSet first = session.token();
    assertThat(Kc.userinfoStatus(first)).isEqualTo(200);
    assertThat(store.load()).contains(first);

    TokenSet refreshed = session.forceRefresh(first.accessToken());
    assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
    assertThat(asked).as("a refresh, not the grant again").hasValue(1);

    session.clear();
    TokenSet again = session.token();
    assertThat(Kc.userinfoStatus(again)).isEqualTo(200);
    assertThat(asked).as("the grant re-sent after the tokens were cleared").hasValue(2);
  }

  /** Keycloak's token endpoint takes client_secret_basic: a real server speaking HTTP Basic. */
  @Test
  void basicWithPasswordSupplier_realServer_wrongThenRotatedPassword() throws Exception {
    List<String> passwords = List.of("not-the-secret", Kc.SERVICE_SECRET);
    AtomicInteger n = new AtomicInteger();
    RequestAuthorizer basic =
        RequestAuthorizer.basic("service", () -> passwords.get(Math.min(n.getAndIncrement(), 1)));
    AuthenticatedHttpClient http = AuthenticatedHttpClient.of(HttpClient.newHttpClient(), basic);
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(Kc.tokenEndpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"access_token\"");
    assertThat(n).as("asked again after the 401").hasValue(2);
  }
}
