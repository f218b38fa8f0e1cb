package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.cli.Cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile provider or a careless setup hands the command line: tokens with line breaks, an
 * unknown token type, escape sequences in error text, a secret on argv, a shared config, a FIFO
 * where a file belongs. Each output stays one safe line, and nothing secret is echoed.
 */
class HostileInputTest {
  private static final String SECRET = "CANARY-SECRET-hostile-input-5d0c";

  @TempDir Path dir;
  private Cli cli;
  private FakeProvider provider;

  @BeforeEach
  void setUp() throws Exception {
    cli = new Cli(dir);
    provider = new FakeProvider();
    cli.var("LANYARD_CLIENT_SECRET", SECRET);
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  private Run loginClientCredentials() {
    return cli.run(
        "login",
        "--flow",
        "client-credentials",
        "--issuer",
        provider.issuer(),
        "--client-id",
        "ci");
  }

  @Test
  void accessTokenWithLineBreak_refused_nothingStoredOrPrinted() throws Exception {
    provider.answer(
        "/token",
        200,
        "{\"access_token\":\"at-1\\r\\nX-Injected: yes\",\"token_type\":\"Bearer\","
            + "\"expires_in\":300}");

    Run r = loginClientCredentials();

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.err())
        .contains("the token endpoint answered with an invalid token response")
        .contains("accessToken holds a character a token may not hold")
        .doesNotContain("X-Injected");
    assertThat(r.err().lines()).hasSize(1);
    assertThat(cli.home.resolve("tokens")).doesNotExist();
  }

  @Test
  void tokenFileWithLineBreak_neverPrinted_inAnyFormat() throws Exception {
    cli.writeConfig(
        "profiles:\n  default:\n    issuer: " + provider.issuer() + "\n    client_id: app\n");
    Path file = StoredTokens.store(cli, "default", provider.issuer(), "app").path();
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        "{\"version\":1,\"token_type\":\"Bearer\",\"access_token\":\"at\\r\\nX-Injected: yes\","
            + "\"scope\":\"\",\"issued_at\":\"2025-01-01T00:00:00Z\"}");

    for (String format : new String[] {"raw", "header", "json", "exec-credential"}) {
      Run r = cli.run("token", "--format", format);
      assertThat(r.code()).as(r.toString()).isEqualTo(3);
      assertThat(r.out()).isEmpty();
    }
    Run git = cli.runWithInput("protocol=https\nhost=example.org\n\n", "git-credential", "get");
    assertThat(git.out()).doesNotContain("X-Injected");
  }

  @Test
  void unknownTokenType_refused() {
    provider.answer(
        "/token", 200, "{\"access_token\":\"at-1\",\"token_type\":\"mac\",\"expires_in\":300}");

    Run r = loginClientCredentials();

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("token_type \"mac\" is not one Lanyard understands");
    assertThat(cli.home.resolve("tokens")).doesNotExist();
  }

  @Test
  void tokenTypeBearer_anyCase_accepted_sentAsBearer() {
    provider.answer(
        "/token", 200, "{\"access_token\":\"at-1\",\"token_type\":\"bEaReR\",\"expires_in\":300}");

    assertThat(loginClientCredentials().code()).isZero();
    assertThat(cli.run("token", "--format", "header").out())
        .isEqualTo("Authorization: Bearer at-1\n");
  }

  @Test
  void escapeSequencesInErrorDescription_neutralised() {
    provider.answer(
        "/token",
        400,
        "{\"error\":\"invalid_client\\u001b[31m\",\"error_description\":"
            + "\"\\u001b[2J\\u001b]0;pwned\\u0007bad\\u009b1mclient\\u202eevil\"}");

    Run r = loginClientCredentials();

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("bad").contains("client");
    assertThat(r.err().chars().filter(c -> Character.isISOControl(c) && c != '\n'))
        .as("control characters in %s", r.err())
        .isEmpty();
    assertThat(r.err()).doesNotContain("\u202e");
  }

  @Test
  void secretOnArgv_inParseError_masked() {
    Run eq = cli.run("token", "--client-secret=" + SECRET);
    Run apart = cli.run("login", "--password", SECRET);

    assertThat(eq.code()).isEqualTo(2);
    assertThat(eq.err()).contains("--client-secret=****").doesNotContain(SECRET);
    assertThat(apart.code()).isEqualTo(2);
    assertThat(apart.err()).doesNotContain(SECRET);
  }

  @Test
  void configWritableByOthers_warned_andRefusedForSecrets() throws Exception {
    provider.answer("/token", 200, "{\"access_token\":\"at-1\",\"expires_in\":300}");
    cli.writeConfig(
        "profiles:\n  default:\n    issuer: "
            + provider.issuer()
            + "\n    client_id: ci\n    flow: client-credentials\n");
    Files.setPosixFilePermissions(cli.configFile(), PosixFilePermissions.fromString("rw-rw-rw-"));

    Run r = cli.run("token");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.err())
        .contains("refusing to use profile 'default'")
        .contains("is writable by other users (rw-rw-rw-)");
    assertThat(provider.requestsTo("/token")).isEmpty();

    Files.setPosixFilePermissions(cli.configFile(), PosixFilePermissions.fromString("rw-------"));
    Files.setPosixFilePermissions(cli.home, PosixFilePermissions.fromString("rwxrwxrwx"));
    Run folder = cli.run("token");
    assertThat(folder.err()).contains("the config folder " + cli.home + " is writable");
    assertThat(provider.requestsTo("/token")).isEmpty();
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void fifoWhereTheTokenFileBelongs_refused_withoutBlocking() throws Exception {
    cli.writeConfig(
        "profiles:\n  default:\n    issuer: " + provider.issuer() + "\n    client_id: app\n");
    Path file = StoredTokens.store(cli, "default", provider.issuer(), "app").path();
    Files.createDirectories(file.getParent());
    mkfifo(file);

    Run r = cli.run("token");

    assertThat(r.code()).as(r.toString()).isEqualTo(3); // ignored: nobody is signed in
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void fifoWhereTheConfigBelongs_refused_withoutBlocking() throws Exception {
    Files.createDirectories(cli.home);
    mkfifo(cli.configFile());

    Run r = cli.run("status");

    assertThat(r.code()).as(r.toString()).isNotZero();
    assertThat(r.err()).contains("is a FIFO, not a regular file");
  }

  static void mkfifo(Path p) throws Exception {
    Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    assertThat(mk.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(mk.exitValue()).isZero();
  }
}
