package dev.lanyard.it.cli;

import static dev.lanyard.it.cli.KeycloakLab.ALICE_EMAIL;
import static dev.lanyard.it.cli.KeycloakLab.BOB_EMAIL;
import static dev.lanyard.it.cli.KeycloakLab.issuer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.Keycloak;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flags over the process environment over the profile, and a {@code .env} file in the working
 * directory for secret values only (decision 17), end to end: who Keycloak signs in (alice or bob)
 * and which issuer is called show which layer won. Each sign-in is a password login whose settings
 * come from the layers under test.
 */
class PrecedenceTest {
  private Launcher lanyard;
  private int downPort;
  private String downIssuer;

  @BeforeEach
  void setUp(@TempDir Path tmp) {
    lanyard = new Launcher(tmp);
    downPort = KeycloakLab.closedPort();
    downIssuer = "http://127.0.0.1:" + downPort + "/realms/lab";
  }

  @Test
  void dotenvInWorkingDirectory_suppliesTheSecretOnly_neverTheIssuer() throws Exception {
    dotenv(
        lanyard.workingDirectory(),
        "# settings for lanyard",
        "LANYARD_ISSUER=" + issuer(),
        "LANYARD_CLIENT_ID=cli",
        "export LANYARD_USERNAME=bob",
        "BOB_PW='bob-password'");

    Run ignored = lanyard.run("login", "--flow", "password", "--password-env", "BOB_PW");
    assertThat(ignored.code()).as(ignored.toString()).isEqualTo(2);
    assertThat(ignored.err()).contains("no issuer for profile 'default'");

    Run r =
        lanyard
            .env("LANYARD_ISSUER", issuer())
            .env("LANYARD_CLIENT_ID", "cli")
            .env("LANYARD_USERNAME", Keycloak.BOB)
            .run("login", "--flow", "password", "--password-env", "BOB_PW");

    assertSignedInAs(r, BOB_EMAIL);
    assertThat(Files.readString(lanyard.configFile()))
        .contains("issuer: " + issuer())
        .contains("client_id: cli")
        .contains("username: bob")
        .contains("password_env: BOB_PW")
        .doesNotContain("bob-password");
  }

  @Test
  void dotenvElsewhere_isNotRead() throws Exception {
    dotenv(lanyard.workingDirectory(), "LANYARD_ISSUER=" + issuer(), "LANYARD_CLIENT_ID=cli");

    Run r =
        lanyard
            .in(lanyard.workingDirectory().resolve("subfolder"))
            .run("login", "--flow", "password", "--username", "alice");

    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines())
        .as(r.toString())
        .singleElement()
        .asString()
        .startsWith("lanyard: no issuer for profile 'default'");
  }

  @Test
  void environment_overDotenv() throws Exception {
    dotenv(
        lanyard.workingDirectory(),
        "LANYARD_ISSUER=" + issuer(),
        "LANYARD_CLIENT_ID=cli",
        "LANYARD_USERNAME=bob",
        "LANYARD_PASSWORD=bob-password");

    Run r =
        lanyard
            .env("LANYARD_ISSUER", issuer())
            .env("LANYARD_CLIENT_ID", "cli")
            .env("LANYARD_USERNAME", Keycloak.ALICE)
            .env("LANYARD_PASSWORD", Keycloak.ALICE_PASSWORD)
            .run("login", "--flow", "password");

    assertSignedInAs(r, ALICE_EMAIL);
  }

  @Test
  void flags_overEnvironment_andAFlagCanNameAVariableFromDotenv() throws Exception {
    dotenv(lanyard.workingDirectory(), "ALICE_PW=" + Keycloak.ALICE_PASSWORD);

    Run r =
        lanyard
            .env("LANYARD_ISSUER", issuer())
            .env("LANYARD_CLIENT_ID", "cli")
            .env("LANYARD_USERNAME", Keycloak.BOB)
            .env("LANYARD_PASSWORD", Keycloak.BOB_PASSWORD)
            .run(
                "login", "--flow", "password", "--username", "alice", "--password-env", "ALICE_PW");

    assertSignedInAs(r, ALICE_EMAIL);
  }

  /** The issuer each layer names: a provider that is down where the layer should lose. */
  @Test
  void issuer_flagOverEnvironmentOverProfile_neverDotenv() throws Exception {
    Files.createDirectories(lanyard.home());
    Files.writeString(
        lanyard.configFile(),
        String.join(
            "\n",
            "default_profile: lab",
            "profiles:",
            "  lab:",
            "    issuer: " + downIssuer,
            "    client_id: cli",
            "    username: alice",
            ""));
    Launcher withPassword = lanyard.env("LANYARD_PASSWORD", Keycloak.ALICE_PASSWORD);
    String[] login = {"login", "--flow", "password"};

    Run profileOnly = withPassword.run(login);
    assertThat(profileOnly.code()).as(profileOnly.toString()).isEqualTo(1);
    assertThat(profileOnly.err()).contains("could not reach");

    dotenv(lanyard.workingDirectory(), "LANYARD_ISSUER=" + issuer());
    Run dotenvIgnored = withPassword.run(login);
    assertThat(dotenvIgnored.code()).as(dotenvIgnored.toString()).isEqualTo(1);
    assertThat(dotenvIgnored.err()).contains("could not reach").contains("127.0.0.1:" + downPort);

    Run envDown = withPassword.env("LANYARD_ISSUER", downIssuer).run(login);
    assertThat(envDown.code()).as(envDown.toString()).isEqualTo(1);
    assertThat(envDown.err()).contains("could not reach").contains("127.0.0.1:" + downPort);

    Run flag =
        withPassword
            .env("LANYARD_ISSUER", downIssuer)
            .run("login", "--flow", "password", "--issuer", issuer());
    assertSignedInAs(flag, ALICE_EMAIL);
  }

  private static void assertSignedInAs(Run r, String email) {
    assertThat(r.code()).as(r.toString()).isZero();
    // besides the warning about settings a .env file may not give
    assertThat(r.errLines().stream().filter(l -> !l.startsWith("lanyard: warning: Ignoring")))
        .as(r.toString())
        .singleElement()
        .asString()
        .startsWith("Signed in as " + email + " (profile ");
  }

  private static void dotenv(Path dir, String... lines) throws IOException {
    Files.writeString(dir.resolve(".env"), String.join("\n", lines) + "\n");
  }
}
