package dev.lanyard.it.cli;

import static dev.lanyard.it.cli.KeycloakLab.ALICE_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.Keycloak;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The helpers for other programs, through the real launcher: git's credential protocol spoken with
 * a real {@code git credential fill/approve/reject}, and {@code exec} handing a child process the
 * token and passing its exit code back.
 */
class GitAndExecTest {
  private static final String REQUEST =
      "protocol=https\nhost=git.example.org\npath=lab/tools.git\n\n";

  private Launcher lanyard;

  @BeforeEach
  void signIn(@TempDir Path tmp) {
    // HOME is the test's own empty folder, so no global git config takes part.
    lanyard = new Launcher(tmp).env("GIT_TERMINAL_PROMPT", "0").env("GIT_CONFIG_NOSYSTEM", "1");
    KeycloakLab.signInAlice(lanyard, Keycloak.CLIENT_CLI);
  }

  @Test
  void gitCredentialFill_lanyardAsHelper_passwordIsTheToken_rejectRenewsIt() {
    String token = token();

    Run fill = git(REQUEST, "credential", "fill");
    assertThat(fill.code()).as(fill.toString()).isZero();
    assertThat(fill.out().lines())
        .as(fill.toString())
        .contains("protocol=https", "host=git.example.org", "username=alice", "password=" + token);

    // git keeps nothing: Lanyard has its own store, and the next fill answers the same.
    Run approve = git(fill.out() + "\n", "credential", "approve");
    assertThat(approve.code()).as(approve.toString()).isZero();
    assertThat(git(REQUEST, "credential", "fill").out()).contains("password=" + token + "\n");

    // A remote refused the token: git erases it, Lanyard renews, the next fill has a new one.
    int refreshes = Keycloak.get().countEvents("REFRESH_TOKEN");
    Run reject = git(fill.out() + "\n", "credential", "reject");
    assertThat(reject.code()).as(reject.toString()).isZero();
    Run again = git(REQUEST, "credential", "fill");
    String renewed = password(again);
    assertThat(renewed).isNotEqualTo(token);
    assertThat(KeycloakLab.userinfoEmail(renewed)).isEqualTo(ALICE_EMAIL);
    assertThat(Keycloak.get().countEvents("REFRESH_TOKEN")).isEqualTo(refreshes + 1);
  }

  @Test
  void gitCredentialGet_protocolAnswer_withPasswordExpiry() {
    String token = token();
    long expiresAt =
        ((Number) lanyard.run("token", "--format", "json").json().get("expires_at")).longValue();

    Run get = lanyard.runWithInput(REQUEST, "git-credential", "get");

    assertThat(get.code()).as(get.toString()).isZero();
    assertThat(get.err()).isEmpty();
    assertThat(get.out())
        .isEqualTo(
            "username=alice\npassword=" + token + "\npassword_expiry_utc=" + expiresAt + "\n");
  }

  @Test
  void exec_childGetsTheToken_itsExitCodeComesBack() {
    Run r = lanyard.run("exec", "--", "sh", "-c", "echo $LANYARD_ACCESS_TOKEN; exit 7");

    assertThat(r.code()).as(r.toString()).isEqualTo(7);
    assertThat(r.out()).isEqualTo(token() + "\n");
    assertThat(KeycloakLab.userinfoEmail(r.out().strip())).isEqualTo(ALICE_EMAIL);
  }

  @Test
  void exec_envVar_namesTheVariable_andTheChildSeesTheCallersEnvironment() {
    Run r =
        lanyard
            .env("GREETING", "hello")
            .run(
                "exec",
                "--env-var",
                "API_TOKEN",
                "--",
                "sh",
                "-c",
                "echo \"$GREETING ${LANYARD_ACCESS_TOKEN:-unset} $API_TOKEN\"");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("hello unset " + token() + "\n");
  }

  private String token() {
    Run r = lanyard.run("token");
    assertThat(r.code()).as(r.toString()).isZero();
    return r.out().strip();
  }

  /** {@code git -c credential.helper='!<repo>/lanyard git-credential' ARGS...}, stdin piped. */
  private Run git(String stdin, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of("git", "-c", "credential.helper=!" + Launcher.script() + " git-credential"));
    command.addAll(List.of(args));
    return lanyard.startCommand(stdin, command).await(Launcher.TIMEOUT);
  }

  private static String password(Run fill) {
    assertThat(fill.code()).as(fill.toString()).isZero();
    return fill.out()
        .lines()
        .filter(l -> l.startsWith("password="))
        .findFirst()
        .map(l -> l.substring("password=".length()))
        .orElseThrow(() -> new AssertionError("no password in " + fill));
  }
}
