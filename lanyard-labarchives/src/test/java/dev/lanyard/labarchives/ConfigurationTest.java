package dev.lanyard.labarchives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.internal.env.DotEnv;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where API_URL, ACCESS_KEYID and ACCESS_PWD come from: given, environment, .env, default. */
class ConfigurationTest {
  @TempDir Path dir;

  private LabArchives.Builder in(Map<String, String> env) {
    return LabArchives.builder().environment(env).workingDirectory(dir);
  }

  private void dotEnv(String text) throws IOException {
    Files.writeString(dir.resolve(".env"), text);
  }

  @Test
  void environmentOnly_defaultApiUrl() throws IOException {
    LabArchives la = in(Map.of("ACCESS_KEYID", "env-akid", "ACCESS_PWD", "env-pwd")).build();

    assertThat(la.apiUrl()).isEqualTo(URI.create("https://api.labarchives.com"));
    assertThat(la.accessKeyId()).isEqualTo("env-akid");
  }

  @Test
  void dotEnvOnly_readAutomatically() throws IOException {
    dotEnv("# LabArchives\n" + "ACCESS_KEYID='dot akid'\nACCESS_PWD=\"p\\\"w#1\" # the password\n");

    LabArchives la = in(Map.of("API_URL", "https://auapi.labarchives.com/")).build();

    assertThat(la.apiUrl()).isEqualTo(URI.create("https://auapi.labarchives.com"));
    assertThat(la.accessKeyId()).isEqualTo("dot akid");
    assertThat(la.toString()).doesNotContain("p\"w#1");
  }

  @Test
  void precedence_givenThenEnvironmentThenDotEnv() throws IOException {
    dotEnv("API_URL=https://ukapi.labarchives.com\nACCESS_KEYID=dot\nACCESS_PWD=dot\n");

    LabArchives envWins =
        in(Map.of(
                "ACCESS_KEYID",
                "env",
                "ACCESS_PWD",
                "env",
                "API_URL",
                "https://ukapi.labarchives.com"))
            .build();
    LabArchives givenWins =
        in(Map.of("ACCESS_KEYID", "env"))
            .accessKeyId("given")
            .apiUrl(URI.create("https://api.labarchives.com"))
            .build();

    assertThat(envWins.accessKeyId()).isEqualTo("env");
    assertThat(envWins.apiUrl()).isEqualTo(URI.create("https://ukapi.labarchives.com"));
    assertThat(givenWins.accessKeyId()).isEqualTo("given");
    assertThat(givenWins.apiUrl()).isEqualTo(URI.create("https://api.labarchives.com"));
  }

  @Test
  void apiUrlOnlyInDotEnv_refused_secretsNeverGoWhereDotEnvSays() throws IOException {
    dotEnv("API_URL=https://attacker.example.org\nACCESS_KEYID=dot\nACCESS_PWD=dot\n");

    assertThatThrownBy(() -> in(Map.of()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("API_URL in")
        .hasMessageContaining("never the server they are sent to")
        .hasMessageNotContaining("dot\n");
  }

  @Test
  void blankEnvironmentValue_fallsThroughToDotEnv() throws IOException {
    dotEnv("ACCESS_KEYID=dot\nACCESS_PWD=dot\n");

    assertThat(in(Map.of("ACCESS_KEYID", " ")).build().accessKeyId()).isEqualTo("dot");
  }

  @Test
  void missing_namesTheVariableAndWhereToSetIt() {
    assertThatThrownBy(() -> in(Map.of("ACCESS_KEYID", "a")).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "no LabArchives ACCESS_PWD: set it in the environment or in "
                + dir.resolve(".env").toAbsolutePath()
                + ", or call accessPassword(...)");
    assertThatThrownBy(() -> in(Map.of()).noDotEnv().build())
        .hasMessage(
            "no LabArchives ACCESS_KEYID: set it in the environment or in a .env file, or call"
                + " accessKeyId(...)");
  }

  @Test
  void noDotEnv_fileIgnored() throws IOException {
    dotEnv("ACCESS_KEYID=dot\nACCESS_PWD=dot\n");

    assertThatThrownBy(() -> in(Map.of()).noDotEnv().build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void apiUrl_withApiPathOrPlainHttp_refused() {
    Map<String, String> keys = Map.of("ACCESS_KEYID", "a", "ACCESS_PWD", "p");

    assertThatThrownBy(() -> in(keys).apiUrl(URI.create("https://api.labarchives.com/api")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("API_URL is the server's address without /api");
    assertThatThrownBy(() -> in(keys).apiUrl(URI.create("http://api.labarchives.com")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the LabArchives API_URL must use https");
    assertThatThrownBy(
            () ->
                in(Map.of("API_URL", "not a url", "ACCESS_KEYID", "a", "ACCESS_PWD", "p")).build())
        .hasMessage("API_URL is not a URL: not a url");
  }

  @Test
  void apiUrl_plainHttpAllowedWhenTheTransportSaysSo() throws IOException {
    LabArchives la =
        in(Map.of("ACCESS_KEYID", "a", "ACCESS_PWD", "p"))
            .apiUrl(URI.create("http://labarchives.internal:8080"))
            .transport(Transport.builder().allowInsecureHttp(true).build())
            .build();

    assertThat(la.apiUrl()).isEqualTo(URI.create("http://labarchives.internal:8080"));
  }

  @Test
  void builder_valueSetTwice_failsNamingTheFirst() {
    LabArchives.Builder b = LabArchives.builder().accessKeyId("one").accessPassword("pw");

    assertThatThrownBy(() -> b.accessKeyId("two"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("accessKeyId was already set to one");
    assertThatThrownBy(() -> b.accessPassword("two")).hasMessage("accessPassword was already set");
    assertThatThrownBy(() -> LabArchives.builder().accessPassword(" "))
        .hasMessage("accessPassword must not be blank");
  }

  @Test
  void dotEnv_parsing() {
    assertThat(
            DotEnv.parse(
                "A=1\n"
                    + "  export B = two words  \n"
                    + "C=\"line\\nbreak\"\n"
                    + "D='single # not a comment'\n"
                    + "E=value # comment\n"
                    + "F=url#fragment\n"
                    + "not a line\n"
                    + "=novalue\n"
                    + "# G=commented\n"
                    + "H=\n"
                    + "I=\"unterminated\r\n"
                    + "J=last\n"))
        .containsExactly(
            Map.entry("A", "1"),
            Map.entry("B", "two words"),
            Map.entry("C", "line\nbreak"),
            Map.entry("D", "single # not a comment"),
            Map.entry("E", "value"),
            Map.entry("F", "url#fragment"),
            Map.entry("H", ""),
            Map.entry("J", "last"));
  }
}
