package dev.lanyard.it.cli;

import static dev.lanyard.it.cli.KeycloakLab.ALICE_EMAIL;
import static dev.lanyard.it.cli.KeycloakLab.issuer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.Keycloak;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The global {@code --config FILE} against Keycloak: the profile is written to and read from that
 * file, tokens stay in the token folder of the home, and the home's own {@code config.yaml} is not
 * touched.
 */
class ConfigOptionTest {

  @Test
  void configOption_loginTokenStatus_allThroughThatFile(@TempDir Path tmp) throws Exception {
    Launcher lanyard = new Launcher(tmp).env("ALICE_PW", Keycloak.ALICE_PASSWORD);
    Path team = Files.createDirectories(tmp.resolve("team")).resolve("lab.yaml");

    Run login =
        lanyard.run(
            "--config",
            team.toString(),
            "--profile",
            "lab",
            "login",
            "--flow",
            "password",
            "--issuer",
            issuer(),
            "--client-id",
            Keycloak.CLIENT_CLI,
            "--username",
            Keycloak.ALICE,
            "--password-env",
            "ALICE_PW");

    assertThat(login.code()).as(login.toString()).isZero();
    assertThat(Files.readString(team))
        .contains("lab:")
        .contains("flow: password")
        .contains("password_env: ALICE_PW")
        .doesNotContain(Keycloak.ALICE_PASSWORD);
    assertThat(lanyard.configFile()).as("the home's own config").doesNotExist();

    Run token = lanyard.run("--config", team.toString(), "--profile", "lab", "token");
    assertThat(token.code()).as(token.toString()).isZero();
    assertThat(KeycloakLab.userinfoEmail(token.out().strip())).isEqualTo(ALICE_EMAIL);

    Run status = lanyard.run("--config", team.toString(), "status");
    assertThat(status.code()).as(status.toString()).isZero();
    assertThat(status.out()).contains(team.toString()).contains("lab");

    Run withoutIt = lanyard.run("--profile", "lab", "token");
    assertThat(withoutIt.code()).as("the home's config has no such profile").isNotZero();
  }
}
