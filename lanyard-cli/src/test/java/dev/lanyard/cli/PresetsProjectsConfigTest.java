package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.cli.Cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --preset}, projects by name, {@code --config FILE} and the register prompt. */
class PresetsProjectsConfigTest {
  private static final String PASSWORD = "pa55-word-value";
  private static final String TOKENS =
      "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":300,"
          + "\"refresh_token\":\"rt-1\",\"scope\":\"openid\"}";

  @TempDir Path dir;
  private Cli cli;
  private FakeProvider provider;

  @BeforeEach
  void setUp() throws Exception {
    cli = new Cli(dir);
    provider = new FakeProvider();
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  @Test
  void login_builtInPreset_endpointOverridden_presetClientAndFlow_profileKeepsOnlyItsOwn()
      throws Exception {
    provider.answer("/token", 200, TOKENS);
    cli.var("LANYARD_PASSWORD", PASSWORD);

    Run r =
        cli.run(
            "login",
            "--preset",
            "cdse",
            "--token-endpoint",
            provider.issuer() + "/token",
            "--username",
            "ada");

    assertThat(r.code()).as(r.toString()).isZero();
    String body = FakeProvider.body(provider.requestsTo("/token").get(0));
    assertThat(body)
        .contains("grant_type=password", "client_id=cdse-public", "username=ada")
        .doesNotContain("client_secret");
    assertThat(cli.config())
        .contains("preset: cdse", "token_endpoint: " + provider.issuer() + "/token")
        .as("the preset's own settings stay the preset's")
        .doesNotContain("client_id")
        .doesNotContain(PASSWORD);
    assertThat(cli.run("token").out()).isEqualTo("at-1\n");
  }

  @Test
  void login_userPreset_withProjectByName_asksForItsAudienceScope() throws Exception {
    provider.answer("/token", 200, TOKENS);
    cli.writeConfig(
        "presets:\n"
            + "  lab:\n"
            + "    token_endpoint: "
            + provider.issuer()
            + "/token\n"
            + "    client_id: lab-cli\n"
            + "    flow: password\n"
            + "    projects:\n"
            + "      notebook: {prod: \"123\", dev: \"456\"}\n"
            + "      archive: \"789\"\n");
    cli.var("LANYARD_PASSWORD", PASSWORD);

    Run r =
        cli.run(
            "login",
            "--preset",
            "lab",
            "--project",
            "notebook",
            "--environment",
            "dev",
            "--username",
            "ada");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(FakeProvider.body(provider.requestsTo("/token").get(0)))
        .contains("client_id=lab-cli")
        .contains("scope=urn%3Azitadel%3Aiam%3Aorg%3Aproject%3Aid%3A456%3Aaud");
    assertThat(cli.config()).contains("project: notebook", "environment: dev");
  }

  @Test
  void login_unknownProject_oneLineListingTheKnownOnes_nothingSaved() throws Exception {
    cli.writeConfig(
        "presets:\n"
            + "  lab:\n"
            + "    token_endpoint: "
            + provider.issuer()
            + "/token\n"
            + "    client_id: lab-cli\n"
            + "    projects:\n"
            + "      notebook: \"123\"\n"
            + "      archive: \"789\"\n");

    Run r = cli.run("login", "--preset", "lab", "--project", "notbook", "--flow", "password");

    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("lanyard: unknown project 'notbook'; known projects: notebook, archive\n");
    assertThat(provider.requestsTo("/token")).isEmpty();
    assertThat(cli.config()).doesNotContain("profiles:\n  default");
  }

  @Test
  void login_unknownPreset_listsTheKnownOnes() {
    Run r = cli.run("login", "--preset", "nope", "--flow", "password");

    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("lanyard: unknown preset 'nope'; known presets: cdse, terrascope\n");
  }

  @Test
  void config_option_readsAndWritesThatFile_tokensStayInTheHome() throws Exception {
    Path other = dir.resolve("elsewhere").resolve("team.yaml");
    Files.createDirectories(other.getParent());
    Files.writeString(
        other,
        "profiles:\n  team:\n    token_endpoint: "
            + provider.issuer()
            + "/token\n"
            + "    client_id: team-cli\n");

    Run login = cli.loginToken("pat-value", "--config", other.toString(), "--profile", "team");
    Run token = cli.run("--config", other.toString(), "--profile", "team", "token");
    Run status = cli.run("--config", other.toString(), "status");

    assertThat(login.code()).as(login.toString()).isZero();
    assertThat(token.out()).isEqualTo("pat-value\n");
    assertThat(Files.readString(other)).contains("flow: token");
    assertThat(cli.configFile()).doesNotExist();
    assertThat(status.out()).contains("Config file: " + other + " (--config)");
    try (var files = Files.list(cli.home.resolve("tokens"))) {
      assertThat(files.map(Path::toString)).anyMatch(f -> f.endsWith(".json"));
    }
  }

  @Test
  void config_option_writableByOthers_refusedBeforeCallingTheProvider() throws Exception {
    Path shared = dir.resolve("shared");
    Files.createDirectories(shared);
    Path file = shared.resolve("config.yaml");
    Files.writeString(
        file,
        "profiles:\n  default:\n    token_endpoint: "
            + provider.issuer()
            + "/token\n"
            + "    client_id: ci\n    flow: client-credentials\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
    cli.var("LANYARD_CLIENT_SECRET", "s3cr3t");

    Run r = cli.run("--config", file.toString(), "token");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("is writable by other users").doesNotContain("s3cr3t");
    assertThat(provider.requestsTo("/token")).isEmpty();
  }

  @Test
  void register_noTokenOnATerminal_asksHidden_sendsWhatWasTyped() {
    provider.answer("/register", 201, "{\"client_id\":\"new\"}");
    cli.env(e -> e.withTerminals(true, false, true).withPrompt(label -> prompted(label)));

    Run r = cli.run("register", "My tool", "--issuer", provider.issuer());

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(provider.requestsTo("/register").get(0).getHeaders().get("Authorization"))
        .isEqualTo("Bearer typed-iat");
    assertThat(r.out() + r.err()).doesNotContain("typed-iat");
  }

  @Test
  void register_noTokenNoTerminal_saysWhatToSet_callsNothing() {
    Run r = cli.run("register", "My tool", "--issuer", provider.issuer());

    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "lanyard: no initial access token: put it in a variable and pass"
                + " --initial-access-token-env VAR, sign the profile in first, or pass --anonymous"
                + " where the provider allows anonymous registration\n");
    assertThat(provider.requestsTo("/register")).isEmpty();
  }

  private static Optional<char[]> prompted(String label) {
    assertThat(label).isEqualTo("Initial access token (it will not be shown): ");
    return Optional.of("typed-iat".toCharArray());
  }
}
