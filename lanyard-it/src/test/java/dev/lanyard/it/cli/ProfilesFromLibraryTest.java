package dev.lanyard.it.cli;

import static dev.lanyard.it.cli.KeycloakLab.ALICE_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.Scope;
import dev.lanyard.grant.Grant;
import dev.lanyard.it.support.Keycloak;
import dev.lanyard.profiles.Presets;
import dev.lanyard.session.TokenSession;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile written by the real {@code ./lanyard login}, used by another JVM through the library
 * ({@code Profiles.session}) with no other configuration than {@code LANYARD_HOME}; presets against
 * Keycloak, from the command line and from the library.
 */
class ProfilesFromLibraryTest {

  private static String tokenEndpoint() {
    return KeycloakLab.issuer() + "/protocol/openid-connect/token";
  }

  @Test
  void loginStoresProfile_separateJvm_profilesSession_tokenKeycloakAccepts(@TempDir Path tmp)
      throws Exception {
    Launcher lanyard = new Launcher(tmp);
    KeycloakLab.signInAlice(lanyard, Keycloak.CLIENT_CLI, "--profile", "lab");

    Run child = child(lanyard, tmp.resolve("work"), "lab");

    assertThat(child.code()).as(child.toString()).isZero();
    assertThat(KeycloakLab.userinfoEmail(child.out().strip())).isEqualTo(ALICE_EMAIL);
  }

  @Test
  void separateJvm_hostileWorkingDirectory_cannotRedirectConfigOrSecrets(@TempDir Path tmp)
      throws Exception {
    Launcher lanyard = new Launcher(tmp);
    KeycloakLab.signInAlice(lanyard, Keycloak.CLIENT_CLI, "--profile", "lab");
    Path hostile = Files.createDirectories(tmp.resolve("hostile"));
    Path planted = Files.createDirectories(tmp.resolve("planted"));
    int closed = KeycloakLab.closedPort();
    String elsewhere = "http://127.0.0.1:" + closed + "/realms/lab";
    Files.writeString(
        planted.resolve("config.yaml"),
        "profiles:\n  lab:\n    issuer: " + elsewhere + "\n    client_id: cli\n");
    Files.writeString(
        hostile.resolve(".env"),
        "LANYARD_HOME=" + planted + "\nLANYARD_ISSUER=" + elsewhere + "\n");
    Files.copy(planted.resolve("config.yaml"), hostile.resolve("config.yaml"));

    Run child = child(lanyard, hostile, "lab");

    assertThat(child.code()).as(child.toString()).isZero();
    assertThat(KeycloakLab.userinfoEmail(child.out().strip())).isEqualTo(ALICE_EMAIL);
  }

  @Test
  void cliLogin_presetCdse_endpointAndClientOverriddenToKeycloak_tokenWorks(@TempDir Path tmp)
      throws Exception {
    Launcher lanyard = new Launcher(tmp).env("LANYARD_PASSWORD", Keycloak.ALICE_PASSWORD);

    Run login =
        lanyard.run(
            "login",
            "--preset",
            "cdse",
            "--token-endpoint",
            tokenEndpoint(),
            "--client-id",
            Keycloak.CLIENT_CLI,
            "--username",
            Keycloak.ALICE,
            "--scope",
            "openid", // the preset names no scopes; Keycloak's userinfo wants openid
            "--profile",
            "eo");

    assertThat(login.code()).as(login.toString()).isZero();
    assertThat(Files.readString(lanyard.configFile()))
        .contains("preset: cdse")
        .doesNotContain(Keycloak.ALICE_PASSWORD);
    Run token = lanyard.env("LANYARD_PASSWORD", null).run("--profile", "eo", "token");
    assertThat(token.code()).as(token.toString()).isZero();
    assertThat(KeycloakLab.userinfoEmail(token.out().strip())).isEqualTo(ALICE_EMAIL);
    Run child = child(lanyard, tmp.resolve("work"), "eo");
    assertThat(child.code()).as(child.toString()).isZero();
    assertThat(KeycloakLab.userinfoEmail(child.out().strip())).isEqualTo(ALICE_EMAIL);
  }

  @Test
  void libraryPreset_cdse_pointedAtKeycloak_passwordGrant_tokenWorks() throws Exception {
    TokenSession session =
        Presets.named("cdse")
            .withTokenEndpoint(URI.create(tokenEndpoint()))
            .withClientId(Keycloak.CLIENT_CLI)
            .sessionBuilder()
            .grant(
                Grant.password(Keycloak.ALICE, Keycloak.ALICE_PASSWORD)
                    .withScope(Scope.of("openid")))
            .build();

    assertThat(KeycloakLab.userinfoEmail(session.accessToken())).isEqualTo(ALICE_EMAIL);
  }

  /**
   * {@link ProfileChild} in a new JVM, in {@code directory}, with only {@code LANYARD_HOME} (and
   * {@code PATH}) from the launcher's environment.
   */
  private static Run child(Launcher lanyard, Path directory, String profile) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Launcher only =
        new Launcher(directory.getParent().resolve("child"))
            .env("LANYARD_HOME", lanyard.home().toString())
            .env("HOME", null)
            .env("NO_COLOR", null)
            .in(directory);
    return only.startCommand(
            null,
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ProfileChild.class.getName(),
                profile))
        .await(Launcher.TIMEOUT);
  }
}
