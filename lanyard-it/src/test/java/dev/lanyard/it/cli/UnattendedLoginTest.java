package dev.lanyard.it.cli;

import static dev.lanyard.it.cli.KeycloakLab.ALICE_EMAIL;
import static dev.lanyard.it.cli.KeycloakLab.issuer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.Keycloak;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./lanyard login} without a person: the password grant with the password in a variable the
 * command line names, and client credentials with the secret in a variable. Secrets never reach the
 * config file; tokens work at Keycloak.
 */
class UnattendedLoginTest {

  @Test
  void passwordLogin_passwordEnv_exit0_profileNamesTheVariableNotThePassword(@TempDir Path tmp)
      throws Exception {
    Launcher lanyard = new Launcher(tmp).env("ALICE_PW", Keycloak.ALICE_PASSWORD);

    Run r = KeycloakLab.passwordLogin(lanyard, "ALICE_PW");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines())
        .as(r.toString())
        .singleElement()
        .asString()
        .matches(
            "Signed in as alice@example\\.org \\(profile default\\); the access token"
                + " expires in \\d+ min \\(.+ UTC\\)\\.");
    String config = Files.readString(lanyard.configFile());
    assertThat(config)
        .contains("flow: password")
        .contains("username: alice")
        .contains("password_env: ALICE_PW")
        .doesNotContain(Keycloak.ALICE_PASSWORD);
    Run token = lanyard.run("token");
    assertThat(token.code()).as(token.toString()).isZero();
    assertThat(KeycloakLab.userinfoEmail(token.out().strip())).isEqualTo(ALICE_EMAIL);
  }

  @Test
  void clientCredentialsLogin_clientSecretEnv_exit0_tokenIsTheServiceAccounts(@TempDir Path tmp)
      throws Exception {
    Launcher lanyard = new Launcher(tmp).env("SERVICE_SECRET", Keycloak.CLIENT_SERVICE_SECRET);

    Run r =
        lanyard.run(
            "login",
            "--flow",
            "client-credentials",
            "--issuer",
            issuer(),
            "--client-id",
            Keycloak.CLIENT_SERVICE,
            "--client-secret-env",
            "SERVICE_SECRET",
            "--scope",
            "openid");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines())
        .as(r.toString())
        .singleElement()
        .asString()
        .matches("Signed in as \\S+ \\(profile default\\); the access token expires in .+\\.");
    assertThat(Files.readString(lanyard.configFile()))
        .contains("flow: client-credentials")
        .contains("client_secret_env: SERVICE_SECRET")
        .doesNotContain(Keycloak.CLIENT_SERVICE_SECRET);
    String token = lanyard.run("token").out().strip();
    assertThat(serviceAccount(token)).isEqualTo("service-account-service");

    // With the secret at hand, renewing is signing in again: no refresh token is involved.
    int clientLogins = Keycloak.get().countEvents("CLIENT_LOGIN");
    Run renewed = lanyard.run("token", "--min-valid", "10m");
    assertThat(renewed.code()).as(renewed.toString()).isZero();
    assertThat(renewed.out().strip()).isNotEqualTo(token);
    assertThat(serviceAccount(renewed.out().strip())).isEqualTo("service-account-service");
    assertThat(Keycloak.get().countEvents("CLIENT_LOGIN")).isEqualTo(clientLogins + 1);
  }

  /** Userinfo's {@code preferred_username}: a service account's token works there with openid. */
  private static Object serviceAccount(String accessToken) {
    var r = KeycloakLab.userinfo(accessToken);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Map<String, Object> info = Run.Json.object(r.body());
    return info.get("preferred_username");
  }
}
