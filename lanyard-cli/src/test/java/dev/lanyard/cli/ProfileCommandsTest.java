package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.cli.Cli.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileCommandsTest {
  @TempDir Path dir;
  private Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(dir);
  }

  @Test
  void set_createsProfile_firstBecomesDefault() throws Exception {
    Run r =
        cli.run(
            "profile",
            "set",
            "lab",
            "issuer=https://id.example.org/realms/lab",
            "client_id=lab-cli",
            "scopes=openid,email offline_access",
            "parameters.resource=https://api",
            "skew=45s",
            "port=8765");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).contains("Profile lab saved");
    Run show = cli.run("profile", "show", "lab");
    assertThat(show.out())
        .isEqualTo(
            """
        issuer: https://id.example.org/realms/lab
        client_id: lab-cli
        scopes:
          - openid
          - email
          - offline_access
        port: 8765
        parameters:
          resource: https://api
        skew: 45s
        """);
    assertThat(cli.config()).contains("default_profile: lab");
  }

  @Test
  void set_emptyValueRemovesKey() {
    cli.run("profile", "set", "lab", "client_id=x", "login_hint=ada@example.org");
    cli.run("profile", "set", "lab", "login_hint=");

    assertThat(cli.run("profile", "show", "lab").out()).isEqualTo("client_id: x\n");
  }

  @Test
  void set_unknownKey_usageError() {
    Run r = cli.run("profile", "set", "lab", "colour=blue");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown key 'colour'").contains("client_id");
  }

  @Test
  void set_secret_refused() {
    Run r = cli.run("profile", "set", "lab", "client_secret=hunter2");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("secrets are never stored").doesNotContain("hunter2");
  }

  @Test
  void set_badValue_usageError() {
    Run r = cli.run("profile", "set", "lab", "flow=magic");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown flow 'magic'");
  }

  @Test
  void list_namesOnePerLine() {
    cli.run("profile", "set", "lab", "client_id=a");
    cli.run("profile", "set", "ci", "client_id=b");

    Run r = cli.run("profile", "list");

    assertThat(r.out()).isEqualTo("lab\nci\n");
    cli.env(e -> e.withTerminals(false, true, false));
    assertThat(cli.run("profile", "list").out()).isEqualTo("* lab\n  ci\n");
  }

  @Test
  void use_changesTheDefault() throws Exception {
    cli.run("profile", "set", "lab", "client_id=a");
    cli.run("profile", "set", "ci", "client_id=b");

    assertThat(cli.run("profile", "use", "ci").code()).isZero();

    assertThat(cli.config()).contains("default_profile: ci");
    assertThat(cli.run("profile", "show").out()).isEqualTo("client_id: b\n");
  }

  @Test
  void remove_deletesProfileAndTokens() throws Exception {
    cli.loginToken("pat-1", "--profile", "lab");
    assertThat(cli.run("--profile", "lab", "token").out()).isEqualTo("pat-1\n");

    Run r = cli.run("profile", "remove", "lab");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(cli.config()).doesNotContain("lab");
    assertThat(cli.run("profile", "show", "lab").code()).isEqualTo(1);
    assertThat(StoredTokens.store(cli, "lab").path()).doesNotExist();
  }

  @Test
  void show_unknownProfile_listsTheOthers() {
    cli.run("profile", "set", "lab", "client_id=a");

    Run r = cli.run("profile", "show", "nope");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("no profile 'nope'").contains("profiles: lab");
  }

  @Test
  void badProfileName_refused() {
    Run r = cli.run("profile", "set", "../evil", "client_id=a");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("cannot name a profile");
  }

  @Test
  void profileWithoutSubcommand_usage() {
    Run r = cli.run("profile");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("a subcommand is required");
  }

  @Test
  void profileNamedLikeACommand_beforeOrAfterTheCommand_isTheProfile() {
    assertThat(cli.loginToken("pat-demo", "--profile", "demo").code()).isZero();
    assertThat(cli.loginToken("pat-status", "--profile", "status").code()).isZero();

    Run demo = cli.run("--profile", "demo", "token");
    Run status = cli.run("--profile", "status", "token");

    assertThat(demo.code()).isZero();
    assertThat(demo.out().strip()).isEqualTo("pat-demo");
    assertThat(status.code()).isZero();
    assertThat(status.out().strip()).isEqualTo("pat-status");
  }
}
