package dev.lanyard.it.cli;

import static dev.lanyard.it.cli.KeycloakLab.ALICE_EMAIL;
import static dev.lanyard.it.cli.KeycloakLab.issuer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.Keycloak;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./lanyard status} (offline: exit 0 signed in, 3 not) and {@code ./lanyard logout}, whose
 * effect is checked where it matters: at Keycloak, with the refresh token the profile held.
 */
class StatusAndLogoutTest {

  @Test
  void status_signedIn_exit0_textAndJsonFields_noTokenPrinted(@TempDir Path tmp) {
    Launcher lanyard = new Launcher(tmp);
    KeycloakLab.signInAlice(lanyard, Keycloak.CLIENT_CLI);
    String token = lanyard.run("token").out().strip();

    Run text = lanyard.run("status");
    Run json = lanyard.run("status", "--json");

    assertThat(text.code()).as(text.toString()).isZero();
    assertThat(text.out())
        .contains(
            "Profile default (default)",
            "status:     signed in\n",
            "identity:   " + ALICE_EMAIL,
            "client:     cli",
            "flow:       password",
            "Config file: " + lanyard.configFile() + " (LANYARD_HOME)");
    assertThat(json.code()).as(json.toString()).isZero();
    assertThat(json.err()).isEmpty();
    Map<String, Object> doc = json.json();
    assertThat(doc)
        .containsEntry("config_file", lanyard.configFile().toString())
        .containsEntry("token_directory", lanyard.home().resolve("tokens").toString());
    Map<String, Object> p = only(doc);
    assertThat(p)
        .containsEntry("profile", "default")
        .containsEntry("default", true)
        .containsEntry("signed_in", true)
        .containsEntry("state", "signed in")
        .containsEntry("issuer", issuer())
        .containsEntry("client_id", "cli")
        .containsEntry("flow", "password");
    assertThat(map(p, "identity"))
        .containsEntry("email", ALICE_EMAIL)
        .containsEntry("preferred_username", "alice");
    assertThat(p.get("scopes")).asInstanceOf(InstanceOfAssertFactories.LIST).contains("openid");
    assertThat(map(p, "access_token")).containsEntry("valid", true);
    assertThat(Instant.parse((String) map(p, "access_token").get("expires_at")))
        .isAfter(Instant.now());
    assertThat(map(p, "refresh_token")).containsEntry("valid", true);
    assertThat(Path.of((String) p.get("token_file"))).exists().startsWith(lanyard.home());
    assertThat(text.out() + text.err() + json.out()).doesNotContain(token);
  }

  @Test
  void status_notSignedIn_exit3(@TempDir Path tmp) {
    Launcher lanyard = new Launcher(tmp);

    Run text = lanyard.run("status");
    Run json = lanyard.run("status", "--json");

    assertThat(text.code()).as(text.toString()).isEqualTo(3);
    assertThat(text.err()).contains("lanyard login");
    assertThat(json.code()).as(json.toString()).isEqualTo(3);
    assertThat(only(json.json()))
        .containsEntry("signed_in", false)
        .containsEntry("state", "not signed in");
  }

  /**
   * A 10 s token (client cli-short) just issued is handed out by {@code token} as it is (the core
   * caps the 30 s default skew at half the lifetime); status judges the same file and should agree.
   */
  @Test
  void status_freshTokenShorterThanTwiceTheSkew_validAsTokenJudgesIt(@TempDir Path tmp) {
    Launcher lanyard = new Launcher(tmp);
    KeycloakLab.signInAlice(lanyard, Keycloak.CLIENT_CLI_SHORT);
    int refreshes = Keycloak.get().countEvents("REFRESH_TOKEN");
    String first = lanyard.run("token").out();

    Run json = lanyard.run("status", "--json");
    String second = lanyard.run("token").out();

    assertThat(second).as("token used the stored token as valid").isEqualTo(first);
    assertThat(Keycloak.get().countEvents("REFRESH_TOKEN")).isEqualTo(refreshes);
    assertThat(map(only(json.json()), "access_token"))
        .as(json.toString())
        .containsEntry("valid", true);
  }

  @Test
  void logout_revokesAtKeycloak_refreshTokenDead_statusExit3(@TempDir Path tmp) {
    Launcher lanyard = new Launcher(tmp);
    KeycloakLab.signInAlice(lanyard, Keycloak.CLIENT_CLI);
    Path file = KeycloakLab.tokenFilePath(lanyard);
    Map<String, Object> stored = KeycloakLab.tokenFile(lanyard);
    String refreshToken = (String) stored.get("refresh_token");
    String accessToken = (String) stored.get("access_token");

    Run logout = lanyard.run("logout");

    assertThat(logout.code()).as(logout.toString()).isZero();
    assertThat(logout.out()).isEmpty();
    assertThat(logout.err())
        .isEqualTo(
            "Signed out of profile default: the tokens were revoked at"
                + " the provider and deleted here.\n");
    HttpResponse<String> refresh = KeycloakLab.refresh(Keycloak.CLIENT_CLI, refreshToken);
    assertThat(refresh.statusCode()).as(refresh.body()).isEqualTo(400);
    assertThat(Run.Json.object(refresh.body())).containsEntry("error", "invalid_grant");
    assertThat(KeycloakLab.userinfo(accessToken).statusCode())
        .as("the access token too")
        .isEqualTo(401);
    assertThat(file).doesNotExist();
    Run status = lanyard.run("status");
    assertThat(status.code()).as(status.toString()).isEqualTo(3);
    Run token = lanyard.run("token");
    assertThat(token.code()).as(token.toString()).isEqualTo(3);
    assertThat(token.out()).isEmpty();
  }

  @Test
  void logoutLocal_doesNotCallKeycloak_refreshTokenStillWorksThere(@TempDir Path tmp) {
    Launcher lanyard = new Launcher(tmp);
    KeycloakLab.signInAlice(lanyard, Keycloak.CLIENT_CLI);
    Path file = KeycloakLab.tokenFilePath(lanyard);
    String refreshToken = (String) KeycloakLab.tokenFile(lanyard).get("refresh_token");

    Run logout = lanyard.run("logout", "--local");

    assertThat(logout.code()).as(logout.toString()).isZero();
    assertThat(logout.err())
        .isEqualTo("Signed out of profile default: the tokens were deleted here.\n");
    assertThat(file).doesNotExist();
    HttpResponse<String> refresh = KeycloakLab.refresh(Keycloak.CLIENT_CLI, refreshToken);
    assertThat(refresh.statusCode()).as("not revoked: %s", refresh.body()).isEqualTo(200);
    assertThat(lanyard.run("status").code()).isEqualTo(3);
  }

  @Test
  void logout_notSignedIn_exit0_nothingToDo(@TempDir Path tmp) throws Exception {
    Launcher lanyard = new Launcher(tmp);
    KeycloakLab.signInAlice(lanyard, Keycloak.CLIENT_CLI);
    assertThat(lanyard.run("logout", "--local").code()).isZero();

    Run again = lanyard.run("logout");

    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(again.err()).contains("was not signed in; nothing to do");
    assertThat(Files.readString(lanyard.configFile()))
        .as("the profile's settings stay")
        .contains("client_id: cli");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> only(Map<String, Object> statusJson) {
    List<Map<String, Object>> profiles = (List<Map<String, Object>>) statusJson.get("profiles");
    assertThat(profiles).hasSize(1);
    return profiles.get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> json, String key) {
    return (Map<String, Object>) json.get(key);
  }
}
