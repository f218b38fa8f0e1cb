package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.cli.Cli.Run;
import dev.lanyard.labarchives.FakeLabArchivesServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lanyard login --provider labarchives}, {@code status}, {@code logout} and the commands
 * that need a bearer token, against the labarchives module's FakeLabArchivesServer (test code: a
 * stand-in for LabArchives implementing its documented protocol).
 */
class ProviderPluginTest {
  @TempDir Path dir;
  private Cli cli;
  private FakeLabArchivesServer server;

  /** Every run's output, to check that no secret was ever printed. */
  private final List<Run> runs = new ArrayList<>();

  /** The one-time codes the fake server sent back to the callback. */
  private final List<String> authCodes = new CopyOnWriteArrayList<>();

  /**
   * The browser's visits: the CLI may finish as soon as the callback arrives, before the browser
   * has read the callback's answer and noted the code, so tests wait for these before counting
   * codes.
   */
  private final List<CompletableFuture<Void>> visits = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    server = FakeLabArchivesServer.start();
    cli =
        new Cli(dir)
            .var("API_URL", server.url().toString())
            .var("ACCESS_KEYID", FakeLabArchivesServer.AKID)
            .var("ACCESS_PWD", FakeLabArchivesServer.PASSWORD);
    // A browser: follows the login URL; the fake server redirects it to the loopback callback.
    cli.env(
        e ->
            e.withBrowser(
                uri -> {
                  HttpClient http =
                      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
                  visits.add(
                      http.sendAsync(
                              HttpRequest.newBuilder(uri).build(),
                              HttpResponse.BodyHandlers.discarding())
                          .thenAccept(
                              r -> {
                                String code =
                                    FakeLabArchivesServer.queryOf(r.uri()).get("auth_code");
                                if (code != null) {
                                  authCodes.add(code);
                                }
                              }));
                }));
  }

  /** Waits until every browser visit so far has ended (each within 10 s). */
  private void awaitBrowser() throws Exception {
    for (CompletableFuture<Void> v : visits) {
      v.get(10, TimeUnit.SECONDS);
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    awaitBrowser();
    server.close();
    for (Run r : runs) {
      String all = r.out() + r.err();
      assertThat(all).doesNotContain(FakeLabArchivesServer.PASSWORD);
      for (String code : authCodes) {
        assertThat(all).doesNotContain(code);
      }
    }
  }

  private Run run(String... args) {
    Run r = cli.run(args);
    runs.add(r);
    return r;
  }

  private Run runWithInput(String stdin, String... args) {
    Run r = cli.runWithInput(stdin, args);
    runs.add(r);
    return r;
  }

  private Run browserLogin() {
    return run("login", "--provider", "labarchives", "--port", "0", "--timeout", "20s");
  }

  private long credentialFiles() throws Exception {
    Path tokens = cli.home.resolve("tokens");
    if (!Files.isDirectory(tokens)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(tokens)) {
      return files.filter(p -> p.toString().endsWith(".json")).count();
    }
  }

  private static List<String> linesWith(String text, String needle) {
    return text.lines().filter(l -> l.contains(needle)).toList();
  }

  @Test
  void browserLogin_signedIn_statusShowsUserIdAndEmail() throws Exception {
    Run login = browserLogin();

    assertThat(login.code()).as(login.toString()).isZero();
    assertThat(login.out()).isEmpty();
    assertThat(linesWith(login.err(), FakeLabArchivesServer.ADA))
        .singleElement()
        .asString()
        .startsWith("Signed in to labarchives as Ada Lovelace <" + FakeLabArchivesServer.ADA + ">")
        .endsWith("(profile default).");
    awaitBrowser();
    assertThat(authCodes).hasSize(1);
    assertThat(server.calls()).containsExactly("/api_user_login", "/api/users/user_access_info");
    assertThat(cli.config())
        .contains("provider: labarchives")
        .contains("flow: browser")
        .contains("default_profile: default")
        .doesNotContain(FakeLabArchivesServer.PASSWORD);

    Run status = run("status");

    assertThat(status.code()).as(status.toString()).isZero();
    assertThat(status.out())
        .contains("status:     signed in")
        .contains("provider:   labarchives")
        .contains("user id:    " + FakeLabArchivesServer.ADA_UID)
        .contains("e-mail:     " + FakeLabArchivesServer.ADA)
        .contains("name:       Ada Lovelace");
    assertThat(server.calls()).hasSize(2); // status is offline

    Run json = run("status", "--json");
    assertThat(json.code()).isZero();
    assertThat(json.out()).contains("\"provider\":").contains(FakeLabArchivesServer.ADA_UID);
  }

  @Test
  void token_exec_gitCredential_noBearerToken_exit2_nothingOnStdout() {
    assertThat(browserLogin().code()).isZero();

    for (String[] args :
        List.of(
            new String[] {"token"},
            new String[] {"token", "--format", "header"},
            new String[] {"exec", "--", "true"},
            new String[] {"git-credential", "get"})) {
      Run r = runWithInput("", args);

      assertThat(r.code()).as(String.join(" ", args) + "\n" + r).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.err().lines())
          .singleElement()
          .asString()
          .startsWith("lanyard: labarchives has no bearer token")
          .contains("RequestAuthorizer");
    }
  }

  @Test
  void fastTokenPath_doesNotAnswerForAProviderProfile() {
    assertThat(browserLogin().code()).isZero();
    StringWriter out = new StringWriter();

    int code = FastToken.answer(new String[] {"token"}, cli.environment(), new PrintWriter(out));

    assertThat(code).isEqualTo(FastToken.NOT_HANDLED);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void token_notSignedIn_exit3() {
    assertThat(run("profile", "set", "la", "provider=labarchives").code()).isZero();

    Run r = run("--profile", "la", "token");

    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("lanyard: profile 'la' is not signed in to labarchives");
  }

  @Test
  void externalAppCredentials_flowToken_emailAndPasswordTokenOnStdin() throws Exception {
    String passwordToken = server.passwordToken(FakeLabArchivesServer.ADA);

    Run login =
        runWithInput(
            passwordToken + "\n",
            "login",
            "--provider",
            "labarchives",
            "--flow",
            "token",
            "--username",
            FakeLabArchivesServer.ADA);

    assertThat(login.code()).as(login.toString()).isZero();
    assertThat(login.out()).isEmpty();
    assertThat(linesWith(login.err(), FakeLabArchivesServer.ADA)).hasSize(1);
    assertThat(login.err()).doesNotContain(passwordToken);
    assertThat(cli.config())
        .contains("provider: labarchives")
        .contains("flow: token")
        .doesNotContain(passwordToken);
    assertThat(credentialFiles()).isEqualTo(1);
    Run status = run("status");
    assertThat(status.code()).isZero();
    assertThat(status.out()).contains(FakeLabArchivesServer.ADA_UID).doesNotContain(passwordToken);
  }

  @Test
  void flowToken_withoutEmail_usageError() {
    Run r = runWithInput("pt-x\n", "login", "--provider", "labarchives", "--flow", "token");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("lanyard: no user for labarchives: pass --username EMAIL");
  }

  @Test
  void refusedLogin_oneLineWithTheCode_exit1_nothingStored() throws Exception {
    server.failNext("4520", "The supplied signature parameter was invalid");

    Run r = browserLogin();

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(linesWith(r.err(), "lanyard:"))
        .containsExactly("lanyard: [4520] The supplied signature parameter was invalid");
    assertThat(credentialFiles()).isZero();
    assertThat(run("status").code()).isEqualTo(3);
  }

  @Test
  void refusedExternalAppCredentials_exit1() throws Exception {
    Run r =
        runWithInput(
            "pt-wrong\n",
            "login",
            "--provider",
            "labarchives",
            "--flow",
            "token",
            "--username",
            FakeLabArchivesServer.ADA);

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("lanyard: [4514] The login or password is incorrect\n");
    assertThat(r.err()).doesNotContain("pt-wrong");
    assertThat(credentialFiles()).isZero();
  }

  @Test
  void logout_clearsTheCredentials_thenStatusExit3() throws Exception {
    assertThat(browserLogin().code()).isZero();
    assertThat(credentialFiles()).isEqualTo(1);

    Run logout = run("logout");

    assertThat(logout.code()).as(logout.toString()).isZero();
    assertThat(logout.err())
        .isEqualTo(
            "Signed out of profile default: the labarchives credentials were deleted" + " here.\n");
    assertThat(credentialFiles()).isZero();
    Run status = run("status");
    assertThat(status.code()).isEqualTo(3);
    assertThat(status.out()).contains("status:     not signed in");
    assertThat(status.err()).contains("Sign in with: lanyard login");
    assertThat(run("logout").err()).contains("was not signed in; nothing to do");
  }

  @Test
  void unknownProvider_usageError_nothingSaved() {
    Run r = run("login", "--provider", "nope");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("lanyard: unknown provider 'nope'; this lanyard knows: labarchives\n");
    assertThat(cli.configFile()).doesNotExist();
  }

  @Test
  void providerWithIssuer_usageError() {
    Run r = run("login", "--provider", "labarchives", "--issuer", "https://id.example.org");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("lanyard: profile 'default' has both provider labarchives" + " and issuer");
  }

  @Test
  void deviceFlow_notOffered_usageError() {
    Run r = run("login", "--provider", "labarchives", "--flow", "device");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("lanyard: labarchives signs in with --flow browser or --flow" + " token");
  }

  @Test
  void missingAccessKey_oneLine_exit1_nothingSaved() {
    cli.var("ACCESS_KEYID", null);

    Run r = browserLogin();

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .startsWith("lanyard: no LabArchives ACCESS_KEYID");
    assertThat(cli.configFile()).doesNotExist();
  }
}
