package dev.lanyard.cli;

import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.http.AuthenticatedHttpClient;
import dev.lanyard.profiles.config.Profile;
import dev.lanyard.session.TokenSession;
import dev.lanyard.store.TokenStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lanyard demo}: starts a local Keycloak with the realm the tests use, signs alice in, calls
 * the provider's userinfo endpoint through Lanyard's HTTP support, and shows what to try next.
 * Keycloak keeps running for those next steps until {@code lanyard demo --stop}.
 */
@Command(
    name = "demo",
    header = "Start a local Keycloak, sign alice in, call a protected API.",
    description = {
      "Start a local Keycloak (realm lab), sign in as alice and call a protected endpoint.",
      "Keycloak keeps running for you to try browser and device login; stop it with --stop."
    })
final class DemoCommand extends BaseCommand {
  static final String PROFILE = "lab";
  private static final String ALICE_PASSWORD = "alice-password";

  @Option(names = "--stop", description = "Stop the demo's Keycloak.")
  boolean stop;

  @Option(names = "--port", paramLabel = "N", description = "Keycloak's port (default 8180).")
  int port = 8180;

  @Override
  int run() throws Exception {
    DemoKeycloak keycloak = DemoKeycloak.configure(env(), stateDirectory(), port);
    if (stop) {
      err()
          .println(
              keycloak.stop()
                  ? "lanyard: stopped the demo's Keycloak"
                  : "lanyard: no demo Keycloak runs");
      return 0;
    }
    String issuer = keycloak.ensureRunning(err());
    signIn(issuer);
    showUser(issuer);
    nextSteps(issuer, keycloak);
    return 0;
  }

  private Path stateDirectory() {
    return ctx().locations().tokenDirectory().toAbsolutePath().getParent().resolve("demo");
  }

  /** Signs alice in with the command line's own {@code login}, into profile {@value #PROFILE}. */
  private void signIn(String issuer) throws CliError {
    err().println("Signing in as alice (password grant) into profile '" + PROFILE + "'…");
    Map<String, String> vars = new HashMap<>(env().variables());
    vars.put("LANYARD_DEMO_PASSWORD", ALICE_PASSWORD);
    CommandLine login = Lanyard.commandLine(env().withVariables(vars));
    StringWriter loginErr = new StringWriter();
    login.setErr(new PrintWriter(loginErr));
    login.setOut(out());
    int code =
        login.execute(
            "--profile=" + PROFILE,
            "login",
            "--flow",
            "password",
            "--issuer",
            issuer,
            "--client-id",
            "cli",
            "--username",
            "alice",
            "--password-env",
            "LANYARD_DEMO_PASSWORD",
            "--scope",
            "openid",
            "--scope",
            "email",
            "--scope",
            "profile");
    err().print(loginErr);
    if (code != 0) {
      throw new CliError(code, "the demo sign-in failed; see the message above");
    }
  }

  /** Calls userinfo with the stored tokens through {@link AuthenticatedHttpClient}. */
  private void showUser(String issuer) throws IOException, InterruptedException {
    Context fresh = new Context(env(), PROFILE);
    TokenStore store = fresh.store(fresh.settings(Profile.EMPTY));
    TokenSession session =
        TokenSession.builder()
            .issuer(URI.create(issuer))
            .client(ClientAuthentication.none("cli"))
            .store(store)
            .build();
    AuthenticatedHttpClient http =
        AuthenticatedHttpClient.of(
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), session);
    URI userinfo = URI.create(issuer + "/protocol/openid-connect/userinfo");
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(userinfo).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new CliError(1, "the protected endpoint answered HTTP " + response.statusCode());
    }
    Map<String, Object> user = Json.parse(response.body(), "the userinfo answer");
    TokenSet tokens = session.token();
    DateTimeFormatter time =
        DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    long seconds =
        Duration.between(env().clock().instant(), tokens.expiresAt().orElseThrow()).toSeconds();
    out().println("Called " + userinfo + " through Lanyard's HTTP client: HTTP 200");
    out()
        .println(
            "Signed in as "
                + user.get("email")
                + " ("
                + user.get("name")
                + "), subject "
                + user.get("sub"));
    out()
        .println(
            "Access token expires at "
                + time.format(tokens.expiresAt().orElseThrow())
                + " (in "
                + seconds
                + " s); Lanyard renews it by itself.");
  }

  private void nextSteps(String issuer, DemoKeycloak keycloak) {
    PrintWriter o = out();
    o.println();
    o.println("Try the same provider yourself (users alice/alice-password, bob/bob-password):");
    o.println(
        "  ./lanyard --profile lab token --format json      # the stored token, renewed when due");
    o.println("  ./lanyard --profile lab status");
    o.println(
        "  ./lanyard login --profile lab-browser --issuer "
            + issuer
            + " --client-id cli --flow browser");
    o.println(
        "  ./lanyard login --profile lab-device --issuer "
            + issuer
            + " --client-id cli --flow device");
    o.println();
    o.println(
        "Keycloak keeps running on "
            + issuer
            + " (admin console: admin/admin, log: "
            + keycloak.logFile()
            + ").");
    o.println("Stop it with: ./lanyard demo --stop");
  }
}
