package dev.lanyard.it.cli;

import static dev.lanyard.it.cli.KeycloakLab.ALICE_EMAIL;
import static dev.lanyard.it.cli.KeycloakLab.issuer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.Keycloak;
import dev.lanyard.it.support.KeyringSession;
import dev.lanyard.store.FileTokenStore;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile with {@code store: keychain}, end to end through the real {@code ./lanyard} and the
 * real Keycloak: with a Secret Service (Debian's GNOME Keyring, unlocked, on a private D-Bus
 * session) the tokens live in the keyring and in no file; without a session bus the command line
 * keeps them in the token file and says so once per command. Linux only: elsewhere the platform's
 * own keychain would answer, a developer's real one.
 */
@EnabledOnOs(OS.LINUX)
class KeychainStoreTest {
  private static final String SECRET_SERVICE = "Secret Service (GNOME Keyring, KWallet)";

  @Test
  void keychainProfile_loginTokenStatusLogout_tokensInTheKeyringAndInNoFile(@TempDir Path tmp)
      throws IOException {
    Path userHome = tmp.resolve("user-home"); // the HOME the launcher gives the command line
    try (KeyringSession keyring = KeyringSession.start(tmp, userHome)) {
      Launcher lanyard = new Launcher(tmp).env("DBUS_SESSION_BUS_ADDRESS", keyring.address());
      String account = account(Keycloak.CLIENT_CLI, "default");

      Run login = KeycloakLab.signInAlice(lanyard, Keycloak.CLIENT_CLI, "--store", "keychain");
      Run token = lanyard.run("token");
      Run status = lanyard.run("status");
      Run json = lanyard.run("status", "--json");
      String entry = keyring.lookup("service", "lanyard", "account", account);

      assertThat(login.err()).as(login.toString()).doesNotContain("warning", "WARNING");
      assertThat(token.code()).as(token.toString()).isZero();
      assertThat(token.err()).isEmpty();
      String accessToken = token.out().strip();
      assertThat(KeycloakLab.userinfoEmail(accessToken)).isEqualTo(ALICE_EMAIL);
      assertThat(status.code()).as(status.toString()).isZero();
      assertThat(status.out())
          .contains("status:     signed in\n")
          .contains("tokens in:  " + SECRET_SERVICE + ", entry lanyard/" + account + "\n")
          .doesNotContain("token file:");
      Map<String, Object> profile = only(json.json());
      assertThat(profile)
          .containsEntry("token_store", SECRET_SERVICE + ", entry lanyard/" + account)
          .containsEntry("signed_in", true);
      assertThat(profile.get("token_file")).as("no token file").isNull();

      // What secret-tool shows is the token set the command line printed from.
      assertThat(entry).startsWith("lanyard-v1 {");
      Map<String, Object> stored = Run.Json.object(entry.substring("lanyard-v1 ".length()));
      assertThat(stored).containsEntry("access_token", accessToken);
      String refreshToken = (String) stored.get("refresh_token");
      assertThat(refreshToken).isNotBlank();

      // No token text in any file the command line or the keyring wrote: LANYARD_HOME, the home
      // folder (which holds the keyring's own, encrypted, files) and the working directory.
      assertThat(keyring.keyringFolder().resolve("login.keyring")).isRegularFile();
      assertNoFileContains(
          List.of(lanyard.home(), userHome, lanyard.workingDirectory()), accessToken, refreshToken);
      try (Stream<Path> tokenFiles = Files.list(lanyard.home().resolve("tokens"))) {
        assertThat(tokenFiles.toList())
            .as("only the exclusive section's lock file, which is empty")
            .singleElement()
            .satisfies(
                lock -> {
                  assertThat(lock.getFileName().toString()).isEqualTo(account + ".keychain.lock");
                  assertThat(Files.size(lock)).isZero();
                });
      }

      Run logout = lanyard.run("logout");

      assertThat(logout.code()).as(logout.toString()).isZero();
      assertThat(logout.err())
          .isEqualTo(
              "Signed out of profile default: the tokens were revoked at"
                  + " the provider and deleted here.\n");
      assertThat(keyring.lookup("service", "lanyard", "account", account))
          .as("the entry is gone")
          .isEmpty();
      HttpResponse<String> refresh = KeycloakLab.refresh(Keycloak.CLIENT_CLI, refreshToken);
      assertThat(refresh.statusCode()).as(refresh.body()).isEqualTo(400);
      assertThat(lanyard.run("status").code()).isEqualTo(3);
    }
  }

  @Test
  void keychainProfile_noSessionBus_tokensInTheTokenFile_oneNoticePerCommand(@TempDir Path tmp) {
    // The launcher passes no DBUS_SESSION_BUS_ADDRESS: a headless machine, an ssh session, cron.
    Launcher lanyard = new Launcher(tmp);
    Path file =
        lanyard
            .home()
            .resolve("tokens")
            .resolve(FileTokenStore.fileName(issuer(), Keycloak.CLIENT_CLI, "default"));

    Run login = KeycloakLab.signInAlice(lanyard, Keycloak.CLIENT_CLI, "--store", "keychain");
    Run token = lanyard.run("token");
    Run status = lanyard.run("status");

    String notice =
        "; profile 'default' keeps its tokens in the file " + file + " instead"; // its end
    for (Run r : List.of(login, token, status)) {
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.errLines())
          .as("no other warning (the JVM's about native access included): %s", r)
          .filteredOn(line -> line.toLowerCase(java.util.Locale.ROOT).contains("warning"))
          .singleElement()
          .asString()
          .startsWith("lanyard: warning: no keychain reachable: ")
          .contains("(no D-Bus session: DBUS_SESSION_BUS_ADDRESS is not set)")
          .endsWith(notice);
    }
    assertThat(login.errLines()).hasSize(2); // the notice and the line saying who signed in
    assertThat(file).isRegularFile();
    assertThat(KeycloakLab.userinfoEmail(token.out().strip())).isEqualTo(ALICE_EMAIL);
    assertThat(status.out()).contains("token file: " + file + "\n").doesNotContain("tokens in:");
  }

  /** The keychain entry's account: the token file's name without {@code .json}. */
  private static String account(String clientId, String profile) {
    String name = FileTokenStore.fileName(issuer(), clientId, profile);
    return name.substring(0, name.length() - ".json".length());
  }

  private static void assertNoFileContains(List<Path> roots, String... secrets) throws IOException {
    int files = 0;
    for (Path root : roots) {
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path f : walk.filter(Files::isRegularFile).toList()) {
          String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
          for (String secret : secrets) {
            assertThat(text).as("file %s", f).doesNotContain(secret);
          }
          files++;
        }
      }
    }
    assertThat(files).as("files looked at").isGreaterThan(2);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> only(Map<String, Object> statusJson) {
    List<Map<String, Object>> profiles = (List<Map<String, Object>>) statusJson.get("profiles");
    assertThat(profiles).hasSize(1);
    return profiles.get(0);
  }
}
