package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.cli.Cli.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** exec and git-credential. */
class ScriptHelpersTest {
  private static final String PAT = "pat-for-scripts-77";

  @TempDir Path dir;
  private Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(dir);
    cli.loginToken(PAT);
  }

  @Test
  void exec_passesTheToken_andTheExitCode() throws Exception {
    Path seen = dir.resolve("seen.txt");

    Run r =
        cli.run(
            "exec",
            "--",
            "sh",
            "-c",
            "printf %s \"$LANYARD_ACCESS_TOKEN\" > \"$0\"; exit 7",
            seen.toString());

    assertThat(r.code()).as(r.toString()).isEqualTo(7);
    assertThat(Files.readString(seen)).isEqualTo(PAT);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEmpty();
  }

  @Test
  void exec_otherVariable_optionsOfTheCommandAreItsOwn() throws Exception {
    Path seen = dir.resolve("seen.txt");

    Run r =
        cli.run(
            "exec",
            "--env-var",
            "API_TOKEN",
            "sh",
            "-c",
            "printf %s \"$API_TOKEN|$LANYARD_ACCESS_TOKEN\" > \"$0\"",
            seen.toString());

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(Files.readString(seen)).isEqualTo(PAT + "|");
  }

  @Test
  void exec_commandNotFound_127() {
    Run r = cli.run("exec", "--", "no-such-command-xyz");

    assertThat(r.code()).isEqualTo(127);
    assertThat(r.err()).startsWith("lanyard: cannot run no-such-command-xyz");
  }

  @Test
  void exec_notSignedIn_exit3_commandNotRun() throws Exception {
    Path seen = dir.resolve("seen.txt");

    Run r = cli.run("--profile", "nobody", "exec", "--", "touch", seen.toString());

    assertThat(r.code()).isEqualTo(3);
    assertThat(seen).doesNotExist();
  }

  @Test
  void gitCredential_get_answersUsernamePasswordExpiry() throws Exception {
    StoredTokens.store(cli, "default", StoredTokens.valid("at-git", 600, null));
    long now = java.time.Instant.now().getEpochSecond();

    Run r = cli.runWithInput("protocol=https\nhost=git.example.org\n\n", "git-credential", "get");

    assertThat(r.code()).as(r.toString()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("username=oauth2");
    assertThat(lines.get(1)).isEqualTo("password=at-git");
    assertThat(Long.parseLong(lines.get(2).substring("password_expiry_utc=".length())))
        .isBetween(now + 590, now + 610);
    assertThat(r.err()).isEmpty();
  }

  @Test
  void gitCredential_get_usernameFromGitOrProfile() {
    Run fromGit =
        cli.runWithInput("protocol=https\nhost=h\nusername=ada\n\n", "git-credential", "get");
    assertThat(fromGit.out()).startsWith("username=ada\npassword=" + PAT + "\n");

    cli.run("profile", "set", "default", "username=x-access-token");
    Run fromProfile = cli.runWithInput("protocol=https\nhost=h\n\n", "git-credential", "get");
    assertThat(fromProfile.out()).startsWith("username=x-access-token\n");
  }

  @Test
  void gitCredential_storeAndErase_quiet() {
    assertThat(
            cli.runWithInput("protocol=https\nhost=h\npassword=x\n\n", "git-credential", "store"))
        .isEqualTo(new Run(0, "", ""));
    assertThat(
            cli.runWithInput(
                "protocol=https\nhost=h\npassword=other\n\n", "git-credential", "erase"))
        .isEqualTo(new Run(0, "", ""));
    assertThat(cli.run("token").out()).isEqualTo(PAT + "\n");
  }

  @Test
  void gitCredential_unknownOperation_usage() {
    assertThat(cli.run("git-credential", "approve").code()).isEqualTo(2);
  }

  @Test
  void gitCredentialFill_realGit_roundTrip() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/git")), "git is installed");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String helper =
        "!'"
            + java
            + "' -cp '"
            + System.getProperty("java.class.path")
            + "' dev.lanyard.cli.Main git-credential";
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "git",
                "-c",
                "credential.helper=",
                "-c",
                "credential.helper=" + helper,
                "credential",
                "fill"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", dir.toString());
    env.put("LANYARD_HOME", cli.home.toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_TERMINAL_PROMPT", "0");
    Process git = pb.start();
    git.getOutputStream()
        .write(
            "protocol=https\nhost=git.example.org\npath=lab/repo.git\n\n"
                .getBytes(StandardCharsets.UTF_8));
    git.getOutputStream().close();
    assertThat(git.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(git.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(git.exitValue()).as(err).isZero();
    assertThat(out)
        .contains("protocol=https\n")
        .contains("host=git.example.org\n")
        .contains("username=oauth2\n")
        .contains("password=" + PAT + "\n");
    assertThat(err).doesNotContain(PAT);
  }
}
