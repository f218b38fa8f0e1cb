package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.cli.Cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flags over environment over the profile over defaults; a {@code .env} file gives secret values
 * only (docs/decisions/0017-where-secrets-go.md).
 */
class ConfigPrecedenceTest {
  @TempDir Path dir;
  private Cli cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new Cli(dir);
    cli.writeConfig(
        """
        default_profile: lab
        profiles:
          lab:
            issuer: https://profile.example.org
            client_id: from-profile
            flow: device
          other:
            issuer: https://other.example.org
            client_id: other-client
            flow: device
        """);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> status(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "status";
    all[args.length + 1] = "--json";
    Run r = cli.run(all);
    assertThat(r.code()).as(r.toString()).isEqualTo(3); // nobody signed in
    List<Object> profiles = (List<Object>) Json.parse(r.out(), "status").get("profiles");
    return (Map<String, Object>) profiles.get(0);
  }

  private void dotenv(String text) throws Exception {
    Files.writeString(dir.resolve(".env"), text);
  }

  @Test
  void profileAlone() {
    assertThat(status())
        .containsEntry("issuer", "https://profile.example.org")
        .containsEntry("client_id", "from-profile")
        .containsEntry("profile", "lab");
  }

  @Test
  void dotenv_settingsIgnored() throws Exception {
    dotenv(
        "# comment\nexport LANYARD_ISSUER=https://dotenv.example.org\n"
            + "LANYARD_CLIENT_ID='dotenv-client' # trailing\n");

    assertThat(status())
        .containsEntry("issuer", "https://profile.example.org")
        .containsEntry("client_id", "from-profile");
  }

  @Test
  void environment_overDotenv() throws Exception {
    dotenv("LANYARD_ISSUER=https://dotenv.example.org\n");
    cli.var("LANYARD_ISSUER", "https://env.example.org");

    assertThat(status()).containsEntry("issuer", "https://env.example.org");
  }

  @Test
  void profileChoice_flagOverEnvOverDefault_notDotenv() throws Exception {
    assertThat(status()).containsEntry("profile", "lab");
    dotenv("LANYARD_PROFILE=other\n");
    assertThat(status()).containsEntry("profile", "lab");
    cli.var("LANYARD_PROFILE", "third");
    assertThat(status()).containsEntry("profile", "third");
    assertThat(status("--profile", "lab")).containsEntry("profile", "lab");
  }

  @Test
  void flags_overEnvironment_andAreSavedByLogin() throws Exception {
    cli.var("LANYARD_ISSUER", "https://env.example.org");
    cli.var("LANYARD_CLIENT_ID", "env-client");

    Run r =
        cli.runWithInput(
            "pat\n",
            "login",
            "--flow",
            "token",
            "--issuer",
            "https://flag.example.org",
            "--scope",
            "openid email",
            "--scope",
            "api");

    assertThat(r.code()).as(r.toString()).isZero();
    String config = cli.config();
    assertThat(config).contains("issuer: https://flag.example.org");
    assertThat(config).contains("client_id: env-client");
    assertThat(config).contains("- openid\n      - email\n      - api");
    assertThat(config).doesNotContain("pat");
  }

  @Test
  void lanyardHome_fromDotenv_ignored() throws Exception {
    Path elsewhere = dir.resolve("elsewhere");
    cli.var("LANYARD_HOME", null);
    cli.var("XDG_CONFIG_HOME", dir.resolve("cfg").toString());
    cli.var("XDG_STATE_HOME", dir.resolve("state").toString());
    dotenv("LANYARD_HOME=" + elsewhere + "\n");

    Run r = cli.loginToken("pat-x");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(elsewhere.resolve("config.yaml")).doesNotExist();
    assertThat(dir.resolve("cfg/lanyard/config.yaml")).exists();
  }

  @Test
  void xdgLocations_withoutLanyardHome() {
    cli.var("LANYARD_HOME", null);
    cli.var("XDG_CONFIG_HOME", dir.resolve("cfg").toString());
    cli.var("XDG_STATE_HOME", dir.resolve("state").toString());

    Run r = cli.loginToken("pat-x");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(dir.resolve("cfg/lanyard/config.yaml")).exists();
    assertThat(dir.resolve("state/lanyard/tokens")).isDirectory();
  }

  @Test
  void invalidEnvironmentValue_namesTheVariable() {
    cli.var("LANYARD_ISSUER", "not a url");

    Run r = cli.run("status");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("lanyard: LANYARD_ISSUER: issuer: 'not a url'");
  }

  @Test
  void unknownKeyInConfig_errorNamesKeyAndFile() throws Exception {
    cli.writeConfig("profiles:\n  lab:\n    client_secret: hunter2\n");

    Run r = cli.run("token");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err())
        .contains("unknown key 'client_secret'")
        .contains(cli.configFile().toString());
    assertThat(r.err()).doesNotContain("hunter2");
  }

  @Test
  void locations_platforms() {
    Path home = Path.of("/home/ada");
    var mac = dev.lanyard.profiles.config.Locations.resolve(n -> null, "Mac OS X", home, home);
    assertThat(mac.configFile())
        .isEqualTo(home.resolve("Library/Application Support/lanyard/config.yaml"));
    var win =
        dev.lanyard.profiles.config.Locations.resolve(
            n -> n.equals("APPDATA") ? "/c/Users/ada/AppData/Roaming" : null,
            "Windows 11",
            home,
            home);
    assertThat(win.configFile())
        .isEqualTo(Path.of("/c/Users/ada/AppData/Roaming/lanyard/config.yaml"));
    var linux =
        dev.lanyard.profiles.config.Locations.resolve(
            n -> n.equals("XDG_CONFIG_HOME") ? "relative/ignored" : null, "Linux", home, home);
    assertThat(linux.configFile()).isEqualTo(home.resolve(".config/lanyard/config.yaml"));
    assertThat(linux.tokenDirectory()).isEqualTo(home.resolve(".local/state/lanyard/tokens"));
  }
}
