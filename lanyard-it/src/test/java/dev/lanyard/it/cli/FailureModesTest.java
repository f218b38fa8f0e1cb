package dev.lanyard.it.cli;

import static dev.lanyard.it.cli.KeycloakLab.ALICE_EMAIL;
import static dev.lanyard.it.cli.KeycloakLab.issuer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.Keycloak;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What goes wrong outside the command line's control, through the real launcher: a config file with
 * a key it does not know, a damaged token file, a provider that is down. Each is one line on
 * standard error starting {@code lanyard: }, nothing on standard output, no stack trace, and the
 * exit code the design gives it (1 failure, 3 a person must sign in).
 */
class FailureModesTest {

  @Test
  void unknownKeyInConfig_exit1_oneLineNamingKeyProfileAndFile(@TempDir Path tmp) throws Exception {
    Launcher lanyard = new Launcher(tmp);
    Files.createDirectories(lanyard.home());
    Files.writeString(
        lanyard.configFile(),
        String.join(
            "\n",
            "default_profile: lab",
            "profiles:",
            "  lab:",
            "    issuer: " + issuer(),
            "    client_id: cli",
            "    colour: blue",
            ""));

    for (String[] args : new String[][] {{"token"}, {"status"}, {"login", "--flow", "device"}}) {
      Run r = lanyard.run(args);
      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      assertThat(r.out()).isEmpty();
      assertOneLine(r);
      assertThat(r.err())
          .contains("unknown key 'colour'")
          .contains("profile 'lab'")
          .contains(lanyard.configFile().toString());
    }
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"truncated JSON", "binary", "empty"})
  void corruptTokenFile_exit3_oneLineNamingTheFile_signingInAgainRepairsIt(
      String damage, @TempDir Path tmp) throws Exception {
    Launcher lanyard = new Launcher(tmp);
    KeycloakLab.signInAlice(lanyard, Keycloak.CLIENT_CLI);
    Path file = KeycloakLab.tokenFilePath(lanyard);
    byte[] bytes =
        switch (damage) {
          case "truncated JSON" ->
              Files.readString(file).substring(0, 60).getBytes(StandardCharsets.UTF_8);
          case "binary" -> new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe, '{', '\n'};
          default -> new byte[0];
        };
    Files.write(file, bytes);

    List<Run> tokens = new ArrayList<>();
    for (String format : new String[] {"raw", "json", "exec-credential"}) {
      Run token = lanyard.run("token", "--format", format);
      assertThat(token.code()).as(token.toString()).isEqualTo(3);
      assertThat(token.out()).isEmpty();
      assertThat(token.errLines())
          .as(token.toString())
          .last()
          .asString()
          .startsWith("lanyard: ")
          .contains(file.toString())
          .contains("damaged or unreadable")
          .endsWith("sign in with: lanyard login");
      tokens.add(token);
    }
    Run status = lanyard.run("status");
    assertThat(status.code()).as(status.toString()).isEqualTo(3);
    assertThat(status.out()).contains("damaged or unreadable");

    KeycloakLab.signInAlice(lanyard, Keycloak.CLIENT_CLI);
    Run again = lanyard.run("token");
    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(KeycloakLab.userinfoEmail(again.out().strip())).isEqualTo(ALICE_EMAIL);
    // Last, so that a second line (a warning repeating the error) does not hide the checks above.
    tokens.forEach(FailureModesTest::assertOneLine);
  }

  @Test
  void providerDown_login_exit1_oneLineNamingWhereAndWhatToCheck(@TempDir Path tmp) {
    int port = KeycloakLab.closedPort();
    Launcher lanyard = new Launcher(tmp).env("ALICE_PW", Keycloak.ALICE_PASSWORD);

    Run r =
        lanyard.run(
            "login",
            "--flow",
            "password",
            "--issuer",
            "http://127.0.0.1:" + port + "/realms/lab",
            "--client-id",
            "cli",
            "--username",
            "alice",
            "--password-env",
            "ALICE_PW");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertOneLine(r);
    assertThat(r.err())
        .startsWith("lanyard: could not reach")
        .contains("127.0.0.1:" + port)
        .contains("check the issuer URL and that the provider is up")
        .doesNotContain(Keycloak.ALICE_PASSWORD);
  }

  /** An outage while renewing is a failure (1), not a sign-in (3): the tokens may be fine. */
  @Test
  void providerDown_whileRefreshing_exit1_tokensKept(@TempDir Path tmp) {
    Launcher lanyard = new Launcher(tmp);
    KeycloakLab.signInAlice(lanyard, Keycloak.CLIENT_CLI);
    int port = KeycloakLab.closedPort();
    Run down =
        lanyard.run(
            "profile", "set", "default", "token_endpoint=http://127.0.0.1:" + port + "/token");
    assertThat(down.code()).as(down.toString()).isZero();

    Run r = lanyard.run("token", "--min-valid", "10m"); // longer than the token lives: renew

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertOneLine(r);
    assertThat(r.err()).startsWith("lanyard: could not reach").contains("127.0.0.1:" + port);

    Run up = lanyard.run("profile", "set", "default", "token_endpoint=");
    assertThat(up.code()).as(up.toString()).isZero();
    Run token = lanyard.run("token");
    assertThat(token.code()).as(token.toString()).isZero();
    assertThat(KeycloakLab.userinfoEmail(token.out().strip())).isEqualTo(ALICE_EMAIL);
  }

  private static void assertOneLine(Run r) {
    assertThat(r.errLines())
        .as(r.toString())
        .singleElement()
        .asString()
        .startsWith("lanyard: ")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }
}
