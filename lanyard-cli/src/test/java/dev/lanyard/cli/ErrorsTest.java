package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.cli.Cli.Run;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One line, the right exit code, no stack trace unless asked, no secret ever. */
class ErrorsTest {
  private static final String SECRET = "client-secret-never-shown";
  private static final String PASSWORD = "password-never-shown";

  @TempDir Path dir;
  private Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(dir);
  }

  private static String closedPortIssuer() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    return "http://127.0.0.1:" + port + "/realms/lab";
  }

  @Test
  void corruptTokenFile_clearMessage_exit3() throws Exception {
    cli.loginToken("pat-1");
    Path file = StoredTokens.store(cli, "default").path();
    Files.writeString(file, "{ this is not json");

    Run r = cli.run("token");

    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err())
        .contains("the token file " + file + " of profile 'default' is damaged or" + " unreadable")
        .contains("sign in with: lanyard login");
    Run status = cli.run("status");
    assertThat(status.code()).isEqualTo(3);
    assertThat(status.out()).contains("damaged or unreadable");
    Run again = cli.loginToken("pat-2");
    assertThat(again.code()).isZero();
    assertThat(cli.run("token").out()).isEqualTo("pat-2\n");
  }

  @Test
  void providerDown_login_oneLine_exit1() throws Exception {
    cli.var("LANYARD_PASSWORD", PASSWORD);

    Run r =
        cli.run(
            "login",
            "--flow",
            "password",
            "--issuer",
            closedPortIssuer(),
            "--client-id",
            "lab-cli",
            "--username",
            "ada");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err())
        .startsWith("lanyard: could not reach the discovery endpoint at http://127.0.0.1:")
        .contains("connection refused")
        .contains("check the issuer URL and that the provider is up")
        .doesNotContain(PASSWORD)
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void providerDown_refresh_isAFailureNotALogin_exit1() throws Exception {
    String issuer = closedPortIssuer();
    cli.run("profile", "set", "default", "issuer=" + issuer, "client_id=lab-cli", "flow=device");
    StoredTokens.store(cli, "default", issuer, "lab-cli")
        .save(StoredTokens.valid("at", -5, "rt-secret"));

    Run r = cli.run("token");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).contains("could not reach").doesNotContain("rt-secret");
  }

  @Test
  void verbose_addsTheStackTrace_stillNoSecret() throws Exception {
    cli.var("LANYARD_CLIENT_SECRET", SECRET);

    Run r =
        cli.run(
            "--verbose",
            "login",
            "--flow",
            "client-credentials",
            "--issuer",
            closedPortIssuer(),
            "--client-id",
            "ci");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains("ProviderUnreachableException")
        .contains("\tat ")
        .contains("lanyard: could not reach")
        .doesNotContain(SECRET);
  }

  @Test
  void usageErrors_exit2_oneLine() {
    Run unknown = cli.run("token", "--frmat", "json");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err().lines()).hasSize(1);
    assertThat(unknown.err())
        .startsWith("lanyard: Unknown option")
        .contains("'--frmat'")
        .contains("see 'lanyard token --help'");

    Run typo = cli.run("tokn");
    assertThat(typo.code()).isEqualTo(2);
    assertThat(typo.err()).contains("did you mean token?");

    Run duration = cli.run("token", "--min-valid", "soon");
    assertThat(duration.code()).isEqualTo(2);
    assertThat(duration.err()).contains("'soon' is not a duration");

    Run none = cli.run();
    assertThat(none.code()).isEqualTo(2);
  }

  @Test
  void errorsAreRed_onlyOnATerminal_neverWithNoColor() {
    cli.env(e -> e.withTerminals(false, false, true));
    assertThat(cli.run("token").err()).startsWith("\033[31mlanyard:\033[0m ");

    cli.var("NO_COLOR", "");
    assertThat(cli.run("token").err()).startsWith("lanyard: ").doesNotContain("\033[");

    cli.var("NO_COLOR", null);
    cli.env(e -> e.withTerminals(false, false, false));
    assertThat(cli.run("token").err()).startsWith("lanyard: ").doesNotContain("\033[");
  }

  @Test
  void secretFile_andVariables_neverEcho() throws Exception {
    Path secretFile = dir.resolve("secret.txt");
    Files.writeString(secretFile, SECRET + "\n");

    Run r =
        cli.run(
            "login",
            "--flow",
            "client-credentials",
            "--issuer",
            closedPortIssuer(),
            "--client-id",
            "ci",
            "--client-secret-file",
            secretFile.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).doesNotContain(SECRET);
    assertThat(cli.config()).contains("client_secret_file: " + secretFile).doesNotContain(SECRET);

    Run missing = cli.run("login", "--flow", "client-credentials", "--client-secret-env", "NOPE");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err())
        .contains("the variable NOPE (named by --client-secret-env) is not set");
  }

  @Test
  void helpVersionCompletion() {
    Run help = cli.run("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out())
        .contains("login")
        .contains("token")
        .contains("git-credential")
        .contains("3   a person must sign in");
    assertThat(cli.run("token", "--help").out())
        .contains("--format")
        .contains("--min-valid")
        .contains("--profile")
        .contains("--verbose");
    assertThat(cli.run("--version").out()).startsWith("lanyard ");
    Run completion = cli.run("completion");
    assertThat(completion.code()).isZero();
    assertThat(completion.out())
        .contains("complete -F")
        .contains("git-credential")
        .contains("exec-credential");
    assertThat(cli.run("help", "login").out()).contains("--flow");
  }
}
