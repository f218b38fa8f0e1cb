package dev.lanyard.profiles.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
  @TempDir Path dir;

  private Config load(String yaml) throws Exception {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, yaml);
    return new ConfigFile(file).load();
  }

  @Test
  void load_missingFile_empty() throws Exception {
    assertThat(new ConfigFile(dir.resolve("none.yaml")).load()).isEqualTo(Config.EMPTY);
  }

  @Test
  void load_everyKind() throws Exception {
    Config c =
        load(
            """
            # a comment
            default_profile: lab
            profiles:
              lab:
                issuer: https://id.example.org/realms/lab   # trailing comment
                client_id: "lab-cli"
                flow: device
                scopes: [openid, 'email', "offline_access"]
                port: 8765
                skew: 1m30s
                parameters:
                  resource: https://api.example.org/
                  acr_values: 'urn:mace:incommon:iap:silver'
              ci:
                flow: client-credentials
                scopes:
                - api
                - read
                client_secret_env: CI_SECRET
            """);

    assertThat(c.defaultProfile()).contains("lab");
    assertThat(c.profiles()).containsOnlyKeys("lab", "ci");
    Profile lab = c.profile("lab").orElseThrow();
    assertThat(lab.issuer())
        .hasValueSatisfying(u -> assertThat(u).hasToString("https://id.example.org/realms/lab"));
    assertThat(lab.clientId()).contains("lab-cli");
    assertThat(lab.flow()).contains(Flow.DEVICE);
    assertThat(lab.scopes()).containsExactly("openid", "email", "offline_access");
    assertThat(lab.port()).contains(8765);
    assertThat(lab.duration(Setting.SKEW)).contains(Duration.ofSeconds(90));
    assertThat(lab.parameters())
        .containsEntry("resource", "https://api.example.org/")
        .containsEntry("acr_values", "urn:mace:incommon:iap:silver");
    Profile ci = c.profile("ci").orElseThrow();
    assertThat(ci.scopes()).containsExactly("api", "read");
    assertThat(ci.flow()).contains(Flow.CLIENT_CREDENTIALS);
  }

  @Test
  void load_unknownProfileKey_namesKeyProfileAndFile() {
    assertThatThrownBy(() -> load("profiles:\n  lab:\n    isuer: https://x.example.org\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown key 'isuer'")
        .hasMessageContaining("profile 'lab'")
        .hasMessageContaining(dir.resolve("config.yaml").toString());
  }

  @Test
  void load_unknownTopLevelKey_namesKeyAndFile() {
    assertThatThrownBy(() -> load("default_profile: a\nprofile:\n  a: {}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown key 'profile'")
        .hasMessageContaining(dir.resolve("config.yaml").toString());
  }

  @Test
  void load_badValue_namesKey() {
    assertThatThrownBy(() -> load("profiles:\n  a:\n    port: eighty\n"))
        .hasMessageContaining("port")
        .hasMessageContaining("'eighty' is not a port");
  }

  @Test
  void load_unsupportedYaml_namesTheLine() {
    assertThatThrownBy(() -> load("profiles:\n  a: &anchor\n    flow: token\n"))
        .hasMessageContaining("line 2")
        .hasMessageContaining("not supported");
    assertThatThrownBy(() -> load("profiles:\n\ta:\n"))
        .hasMessageContaining("line 2")
        .hasMessageContaining("tabs");
    assertThatThrownBy(() -> load("profiles:\n  a:\n    flow: token\n    flow: device\n"))
        .hasMessageContaining("line 4")
        .hasMessageContaining("duplicate key 'flow'");
    assertThatThrownBy(() -> load("profiles:\n  a:\n    login_hint: \"unclosed\n"))
        .hasMessageContaining("line 3");
  }

  @Test
  void write_readsBackTheSame_ownerOnly_atomically() throws Exception {
    Path file = dir.resolve("sub/config.yaml");
    Profile p =
        Profile.EMPTY
            .withText(Setting.ISSUER, "https://id.example.org/realms/lab?x=1&y=2")
            .withText(Setting.CLIENT_ID, "lab cli: \"quoted\"")
            .withText(Setting.SCOPES, "openid email")
            .withText(Setting.LOGIN_HINT, "true")
            .withText(Setting.SKEW, "45s")
            .withParameter("resource", "https://api.example.org/#frag");
    Config c = Config.EMPTY.with("lab", p).withDefault("lab");

    new ConfigFile(file).write(c);

    assertThat(new ConfigFile(file).load()).isEqualTo(c);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    try (var files = Files.list(file.getParent())) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("config.yaml");
    }
  }

  @Test
  void update_appliesUnderTheLock() throws Exception {
    ConfigFile f = new ConfigFile(dir.resolve("config.yaml"));

    f.update(c -> c.with("a", Profile.EMPTY.withText(Setting.FLOW, "token")));
    Config after = f.update(c -> c.withDefault("a"));

    assertThat(after.defaultProfile()).contains("a");
    assertThat(f.load().profile("a").flatMap(Profile::flow)).contains(Flow.TOKEN);
  }

  @Test
  void yaml_flowMappingAndEmptyValues() throws Exception {
    Config c = load("profiles:\n  a: {flow: token, client_id: x}\n  b:\n  c: {}\n");

    assertThat(c.profiles()).containsOnlyKeys("a", "b", "c");
    assertThat(c.profile("a").orElseThrow().clientId()).contains("x");
    assertThat(c.profile("b").orElseThrow().isEmpty()).isTrue();
  }

  @Test
  void durations_parseAndFormat() {
    assertThat(Durations.parse("90")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.format(Duration.ofSeconds(5400))).isEqualTo("1h30m");
    assertThatThrownBy(() -> Durations.parse("5 minutes")).hasMessageContaining("not a duration");
    assertThat(List.of("0s", "45s", "2d"))
        .allSatisfy(s -> assertThat(Durations.format(Durations.parse(s))).isEqualTo(s));
    assertThat(Map.of()).isEmpty();
  }
}
