package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.cli.Cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code demo} does without a Keycloak to start. The demo itself (Keycloak, sign-in, userinfo)
 * runs through {@code ./lanyard demo}; it cannot run inside the test suite, whose own Keycloak
 * shares the unpacked distribution.
 */
class DemoCommandTest {
  @TempDir Path dir;
  private Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(dir);
  }

  @Test
  void demo_withoutTheLauncher_oneLineSayingHowToRunIt_exit1() {
    Run r = cli.run("demo");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip())
        .startsWith("lanyard: ")
        .contains("./lanyard demo")
        .doesNotContain("\n");
  }

  @Test
  void demo_withoutJava21_oneLineNamingTheVariable_exit1() throws Exception {
    Path dist = Files.createDirectories(dir.resolve("dist"));
    cli.var("LANYARD_DEMO_KEYCLOAK_DIST", dist.toString());
    cli.var("LANYARD_DEMO_REALM", dir.resolve("realm.json").toString());

    Run r = cli.run("demo");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("LANYARD_KEYCLOAK_JAVA_HOME");
  }

  @Test
  void demoStop_nothingRunning_saysSo_exit0() throws Exception {
    Path dist = Files.createDirectories(dir.resolve("dist/keycloak-0/bin"));
    Path kc = Files.createFile(dist.resolve("kc.sh"));
    kc.toFile().setExecutable(true);
    cli.var("LANYARD_DEMO_KEYCLOAK_DIST", dir.resolve("dist").toString());
    cli.var("LANYARD_DEMO_REALM", dir.resolve("realm.json").toString());
    cli.var("LANYARD_KEYCLOAK_JAVA_HOME", dir.toString());

    Run r = cli.run("demo", "--stop");

    assertThat(r.code()).isZero();
    assertThat(r.err()).contains("no demo Keycloak runs");
  }

  @Test
  void help_listsDemoWithWhatTheDemoDoes_notTheProgramsHeader() {
    Run r = cli.run("--help");

    assertThat(r.code()).isZero();
    String demoLine =
        r.out().lines().filter(l -> l.strip().startsWith("demo ")).findFirst().orElseThrow();
    assertThat(demoLine).contains("local Keycloak").doesNotContain("Sign in to OAuth");
  }

  @Test
  void demoHelp_saysWhatTheDemoDoes() {
    Run r = cli.run("demo", "--help");

    assertThat(r.code()).isZero();
    assertThat(r.out().lines().findFirst().orElseThrow()).contains("local Keycloak");
  }
}
