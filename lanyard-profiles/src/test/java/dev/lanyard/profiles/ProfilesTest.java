package dev.lanyard.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.TokenSet;
import dev.lanyard.profiles.config.ConfigException;
import dev.lanyard.session.TokenSession;
import dev.lanyard.store.FileTokenStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Profiles} on the files {@code lanyard login} writes, with no provider to call. */
class ProfilesTest {
  @TempDir Path dir;

  private Path home() {
    return dir.resolve("home");
  }

  private void config(String yaml) throws Exception {
    Files.createDirectories(home());
    Files.writeString(home().resolve("config.yaml"), yaml);
  }

  /** A valid token in the profile's token file, as the CLI's file store keeps it. */
  private void storedToken(String issuer, String clientId, String profile, String token)
      throws Exception {
    FileTokenStore.forIdentity(home().resolve("tokens"), issuer, clientId, profile)
        .save(TokenSet.builder(token).expiresAt(Instant.now().plusSeconds(3600)).build());
  }

  private Profiles profiles(Map<String, String> vars) throws Exception {
    return Profiles.builder().variables(vars).workingDirectory(dir.resolve("work")).build();
  }

  @Test
  void session_namedProfile_usesItsStoredToken() throws Exception {
    config(
        "default_profile: lab\nprofiles:\n  lab:\n    issuer: https://id.example/realms/lab\n"
            + "    client_id: cli\n");
    storedToken("https://id.example/realms/lab", "cli", "lab", "at-lab");

    Profiles p = profiles(Map.of("LANYARD_HOME", home().toString()));
    TokenSession session = p.open("lab");

    assertThat(session.accessToken()).isEqualTo("at-lab");
    assertThat(p.defaultName()).isEqualTo("lab");
    assertThat(p.names()).containsExactly("lab");
  }

  @Test
  void session_profileChosenByVariable_overDefault() throws Exception {
    config(
        "default_profile: lab\nprofiles:\n  lab:\n    token_endpoint: https://a.example/t\n"
            + "    client_id: a\n  ci:\n    token_endpoint: https://b.example/t\n"
            + "    client_id: b\n");

    Profiles p = profiles(Map.of("LANYARD_HOME", home().toString(), "LANYARD_PROFILE", "ci"));

    assertThat(p.defaultName()).isEqualTo("ci");
  }

  @Test
  void dotEnvInWorkingDirectory_cannotRedirectHomeOrIssuer() throws Exception {
    config("profiles:\n  lab:\n    issuer: https://id.example/realms/lab\n    client_id: cli\n");
    storedToken("https://id.example/realms/lab", "cli", "lab", "at-lab");
    Path work = Files.createDirectories(dir.resolve("work"));
    Path planted = Files.createDirectories(dir.resolve("planted"));
    Files.writeString(planted.resolve("config.yaml"), "profiles:\n  lab:\n    client_id: evil\n");
    Files.writeString(
        work.resolve(".env"),
        "LANYARD_HOME=" + planted + "\nLANYARD_ISSUER=https://evil.example\n");
    Files.writeString(work.resolve("config.yaml"), "profiles:\n  lab:\n    client_id: evil\n");

    Profiles p = profiles(Map.of("LANYARD_HOME", home().toString()));

    assertThat(p.configFile()).isEqualTo(home().resolve("config.yaml"));
    assertThat(p.open("lab").accessToken()).isEqualTo("at-lab");
  }

  @Test
  void relativeHome_refused() {
    assertThatThrownBy(() -> profiles(Map.of("LANYARD_HOME", "rel/home")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "LANYARD_HOME must be an absolute path, was 'rel/home'; a relative one would depend on"
                + " the working directory");
  }

  @Test
  void unknownProfile_listsTheKnownOnes() throws Exception {
    config("profiles:\n  lab:\n    issuer: https://id.example/realms/lab\n    client_id: cli\n");

    Profiles p = profiles(Map.of("LANYARD_HOME", home().toString()));

    assertThatThrownBy(() -> p.open("labb"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "no profile 'labb' in "
                + home().resolve("config.yaml")
                + "; known profiles: lab; create it with: lanyard login --profile labb");
  }

  @Test
  void configWritableByOthers_refused_noSession() throws Exception {
    config("profiles:\n  lab:\n    issuer: https://id.example/realms/lab\n    client_id: cli\n");
    Files.setPosixFilePermissions(
        home().resolve("config.yaml"), PosixFilePermissions.fromString("rw-rw-rw-"));

    Profiles p = profiles(Map.of("LANYARD_HOME", home().toString()));

    assertThatThrownBy(() -> p.open("lab"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("refusing to use profile 'lab' to call its provider")
        .hasMessageContaining("writable by other users");
  }

  @Test
  void profileOnAPreset_takesItsEndpointAndClient_overridesWin() throws Exception {
    config(
        "profiles:\n  eo:\n    preset: cdse\n    token_endpoint: http://127.0.0.1:9/t\n"
            + "    username: ada\n");
    storedToken("http://127.0.0.1:9/t", "cdse-public", "eo", "at-eo");

    Profiles p = profiles(Map.of("LANYARD_HOME", home().toString()));

    assertThat(p.open("eo").accessToken()).isEqualTo("at-eo");
  }

  @Test
  void storeOfUnknownKind_oneLine() throws Exception {
    config(
        "profiles:\n  lab:\n    issuer: https://id.example/realms/lab\n    client_id: cli\n"
            + "    store: vault\n");

    Profiles p = profiles(Map.of("LANYARD_HOME", home().toString()));

    assertThatThrownBy(() -> p.open("lab"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "store: 'vault' is not a token store; use file, keychain, or a redis://, rediss:// or"
                + " redis-sentinel:// URI");
  }

  @Test
  void configOption_readsThatFile() throws Exception {
    Path team = Files.createDirectories(dir.resolve("team")).resolve("team.yaml");
    Files.writeString(
        team, "profiles:\n  t:\n    token_endpoint: https://t.example/t\n    client_id: t\n");
    storedToken("https://t.example/t", "t", "t", "at-team");

    Profiles p =
        Profiles.builder()
            .variables(Map.of("LANYARD_HOME", home().toString()))
            .configFile(team)
            .build();

    assertThat(p.open("t").accessToken()).isEqualTo("at-team");
  }

  @Test
  void presets_builtIn_cdse_documentedPublicClient() {
    Preset cdse = Presets.named("cdse");

    assertThat(cdse.tokenEndpoint())
        .contains(
            URI.create(
                "https://identity.dataspace.copernicus.eu/auth/realms/CDSE/protocol/"
                    + "openid-connect/token"));
    assertThat(cdse.clientId()).contains("cdse-public");
    assertThat(cdse.clientAuthentication()).contains("none");
    assertThat(cdse.flow()).contains("password");
    assertThatThrownBy(() -> Presets.named("nope"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("unknown preset 'nope'; built-in presets: cdse, terrascope");
  }

  @Test
  void userPreset_projectsByName_perEnvironment() throws Exception {
    config(
        "presets:\n  zl:\n    issuer: https://zitadel.example\n    client_id: app\n"
            + "    projects:\n      notebook: {prod: \"123\", dev: \"456\"}\n"
            + "      archive: \"789\"\n");

    Preset zl = profiles(Map.of("LANYARD_HOME", home().toString())).preset("zl");

    assertThat(zl.withProject("notebook", Optional.of("dev")).scope().toString())
        .isEqualTo("urn:zitadel:iam:org:project:id:456:aud");
    assertThat(zl.withProject("archive", Optional.empty()).scope().toString())
        .isEqualTo("urn:zitadel:iam:org:project:id:789:aud");
    assertThatThrownBy(() -> zl.withProject("notebok", Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("unknown project 'notebok'; known projects: notebook, archive");
    assertThatThrownBy(() -> zl.withProject("notebook", Optional.of("stage")))
        .hasMessage(
            "project 'notebook' has no id for environment 'stage'; known environments: prod, dev");
    assertThatThrownBy(() -> zl.withProject("notebook", Optional.empty()))
        .hasMessage(
            "project 'notebook' has an id per environment; choose one with environment: (prod,"
                + " dev)");
  }
}
