package dev.lanyard.it.cli;

import static dev.lanyard.it.cli.KeycloakLab.ALICE_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.Keycloak;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./lanyard token} renewing silently, each run a fresh process with only the token file to
 * go on: {@code --force-refresh}, {@code --min-valid}, a profile whose password variable is not set
 * in this shell, and a refresh token Keycloak no longer honours. Keycloak's REFRESH_TOKEN events
 * count the token requests.
 */
class TokenRenewalTest {
  private Launcher lanyard;

  @BeforeEach
  void setUp(@TempDir Path tmp) {
    lanyard = new Launcher(tmp);
  }

  @Test
  void forceRefresh_storedTokenStillValid_keycloakIssuesANewOne() {
    KeycloakLab.signInAlice(lanyard, Keycloak.CLIENT_CLI);
    String first = token();
    int refreshes = refreshes();

    Run r = lanyard.run("token", "--force-refresh");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out().strip()).as("a new token, not the stored one").isNotEqualTo(first);
    assertThat(KeycloakLab.userinfoEmail(r.out().strip())).isEqualTo(ALICE_EMAIL);
    assertThat(refreshes()).isEqualTo(refreshes + 1);
  }

  @Test
  void minValid_longerThanTheStoredTokenLasts_oneRefresh_thenStoredForTheNextRun() {
    KeycloakLab.signInAlice(lanyard, Keycloak.CLIENT_CLI);
    String first = token();
    int refreshes = refreshes();

    Run r = lanyard.run("token", "--min-valid", "10m");

    assertThat(r.code()).as(r.toString()).isZero();
    String renewed = r.out().strip();
    assertThat(renewed).isNotEqualTo(first);
    assertThat(KeycloakLab.userinfoEmail(renewed)).isEqualTo(ALICE_EMAIL);
    assertThat(token()).as("the renewed token was stored").isEqualTo(renewed);
    assertThat(refreshes()).isEqualTo(refreshes + 1);
  }

  /**
   * The password variable is what lets {@code token} sign in again once the refresh token dies;
   * while the refresh token lives, a shell without that variable still gets tokens. (Status agrees:
   * it calls this profile signed in.)
   */
  @Test
  void passwordProfile_runWithoutItsPasswordVariable_renewsWithTheRefreshToken() {
    Launcher withPassword = lanyard.env("ALICE_PW", Keycloak.ALICE_PASSWORD);
    Run login = KeycloakLab.passwordLogin(withPassword, "ALICE_PW");
    assertThat(login.code()).as(login.toString()).isZero();
    String first = token();
    int refreshes = refreshes();

    Run status = lanyard.run("status");
    Run r = lanyard.run("token", "--min-valid", "10m");

    assertThat(status.code()).as(status.toString()).isZero();
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out().strip()).isNotEqualTo(first);
    assertThat(KeycloakLab.userinfoEmail(r.out().strip())).isEqualTo(ALICE_EMAIL);
    assertThat(refreshes()).isEqualTo(refreshes + 1);
  }

  @Test
  void refreshTokenEndedAtKeycloak_noPasswordAtHand_exit3_nothingOnStdout_namesLogin() {
    KeycloakLab.signInAlice(lanyard, Keycloak.CLIENT_CLI);
    Keycloak.get().logoutAllSessions(Keycloak.ALICE);

    Run r = lanyard.run("token", "--min-valid", "10m");

    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines())
        .as(r.toString())
        .singleElement()
        .asString()
        .startsWith("lanyard: ")
        .contains("invalid_grant")
        .endsWith("sign in with: lanyard login");
  }

  private String token() {
    Run r = lanyard.run("token");
    assertThat(r.code()).as(r.toString()).isZero();
    return r.out().strip();
  }

  private static int refreshes() {
    return Keycloak.get().countEvents("REFRESH_TOKEN");
  }
}
