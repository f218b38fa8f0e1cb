package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.cli.Cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginTokenTest {
  private static final String PAT = "pat-4f9a1c2e7b";

  @TempDir Path dir;
  private Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(dir);
  }

  @Test
  void loginToken_fromStdin_storesAndSavesProfile() throws Exception {
    Run login = cli.loginToken(PAT);

    assertThat(login.code()).as(login.toString()).isZero();
    assertThat(login.out()).isEmpty();
    assertThat(login.err()).contains("Signed in with a personal access token (profile default)");
    assertThat(login.err()).doesNotContain(PAT);
    assertThat(cli.config()).contains("default_profile: default").contains("flow: token");
    assertThat(cli.config()).doesNotContain(PAT);
  }

  @Test
  void loginToken_noStdin_usageError() {
    Run login = cli.runWithInput("", "login", "--flow", "token");

    assertThat(login.code()).isEqualTo(2);
    assertThat(login.err()).startsWith("lanyard: no personal access token on standard input");
  }

  @Test
  void loginToken_fromNamedVariable() {
    cli.var("MY_PAT", PAT);
    Run login = cli.run("login", "--flow", "token", "--token-env", "MY_PAT");

    assertThat(login.code()).as(login.toString()).isZero();
    assertThat(cli.run("token").out()).isEqualTo(PAT + "\n");
  }

  @Test
  void token_raw_printsOnlyTheToken() {
    cli.loginToken(PAT);

    Run token = cli.run("token");

    assertThat(token.code()).isZero();
    assertThat(token.out()).isEqualTo(PAT + "\n");
    assertThat(token.err()).isEmpty();
  }

  @Test
  void token_header() {
    cli.loginToken(PAT);

    assertThat(cli.run("token", "--format", "header").out())
        .isEqualTo("Authorization: Bearer " + PAT + "\n");
  }

  @Test
  void token_json_hasTheFields() {
    cli.loginToken(PAT);

    Run token = cli.run("token", "--format=json");

    Map<String, Object> json = Json.parse(token.out(), "output");
    assertThat(json)
        .containsEntry("access_token", PAT)
        .containsEntry("token_type", "Bearer")
        .containsEntry("scope", "")
        .containsEntry("profile", "default")
        .containsKey("expires_at");
    assertThat(json.get("expires_at")).isNull(); // a personal access token does not expire
  }

  @Test
  void token_json_expiringToken_epochSeconds() throws Exception {
    StoredTokens.store(cli, "default", StoredTokens.valid("at-1", 600, null));
    cli.writeConfig("default_profile: default\nprofiles:\n  default:\n    flow: token\n");

    Map<String, Object> json = Json.parse(cli.run("token", "--format", "json").out(), "output");

    long expiresAt = ((Number) json.get("expires_at")).longValue();
    long now = java.time.Instant.now().getEpochSecond();
    assertThat(expiresAt).isBetween(now + 590, now + 610);
    assertThat(((Number) json.get("expires_in")).longValue()).isBetween(590L, 610L);
  }

  @Test
  void token_execCredential_fieldByField() throws Exception {
    StoredTokens.store(cli, "default", StoredTokens.valid("at-k8s", 600, null));
    cli.writeConfig("profiles:\n  default:\n    flow: token\n");

    Run token = cli.run("token", "--format", "exec-credential");

    assertThat(token.code()).as(token.toString()).isZero();
    Map<String, Object> json = Json.parse(token.out(), "output");
    assertThat(json).containsOnlyKeys("kind", "apiVersion", "spec", "status");
    assertThat(json.get("kind")).isEqualTo("ExecCredential");
    assertThat(json.get("apiVersion")).isEqualTo("client.authentication.k8s.io/v1");
    assertThat(json.get("spec")).isEqualTo(Map.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> status = (Map<String, Object>) json.get("status");
    assertThat(status).containsOnlyKeys("token", "expirationTimestamp");
    assertThat(status.get("token")).isEqualTo("at-k8s");
    String expiry = (String) status.get("expirationTimestamp");
    assertThat(expiry).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(java.time.Instant.parse(expiry))
        .isBetween(
            java.time.Instant.now().plusSeconds(590), java.time.Instant.now().plusSeconds(610));
  }

  @Test
  void token_execCredential_answersInTheVersionKubectlAsks() {
    cli.loginToken(PAT);
    cli.var(
        "KUBERNETES_EXEC_INFO",
        "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1beta1\","
            + "\"spec\":{\"interactive\":false}}");

    Map<String, Object> json =
        Json.parse(cli.run("token", "--format", "exec-credential").out(), "output");

    assertThat(json.get("apiVersion")).isEqualTo("client.authentication.k8s.io/v1beta1");
    @SuppressWarnings("unchecked")
    Map<String, Object> status = (Map<String, Object>) json.get("status");
    assertThat(status).containsOnlyKeys("token"); // no expiry: the token does not expire
  }

  @Test
  void token_unknownFormat_usageError() {
    cli.loginToken(PAT);

    Run token = cli.run("token", "--format", "yaml");

    assertThat(token.code()).isEqualTo(2);
    assertThat(token.out()).isEmpty();
    assertThat(token.err()).startsWith("lanyard: ").contains("'yaml' is not a format");
    assertThat(token.err().lines()).hasSize(1);
  }

  @Test
  void token_notSignedIn_exit3_nothingOnStdout_namesTheCommand() {
    Run token = cli.run("token");

    assertThat(token.code()).isEqualTo(3);
    assertThat(token.out()).isEmpty();
    assertThat(token.err().lines()).hasSize(1);
    assertThat(token.err()).startsWith("lanyard: ").contains("lanyard login");
  }

  @Test
  void token_otherProfileNotSignedIn_namesTheProfile() {
    cli.loginToken(PAT);

    Run token = cli.run("--profile", "lab", "token");

    assertThat(token.code()).isEqualTo(3);
    assertThat(token.out()).isEmpty();
    assertThat(token.err()).contains("lanyard login --profile lab");
  }

  @Test
  void token_expiredWithoutRefreshToken_exit3() throws Exception {
    StoredTokens.store(cli, "default", StoredTokens.valid("at-old", -60, null));
    cli.writeConfig("profiles:\n  default:\n    flow: browser\n");

    Run token = cli.run("token");

    assertThat(token.code()).as(token.toString()).isEqualTo(3);
    assertThat(token.out()).isEmpty();
    assertThat(token.err()).contains("sign in with: lanyard login");
  }

  @Test
  void token_minValidLongerThanLeft_exit3() throws Exception {
    StoredTokens.store(cli, "default", StoredTokens.valid("at-short", 120, null));
    cli.writeConfig("profiles:\n  default:\n    flow: device\n");

    assertThat(cli.run("token").out()).isEqualTo("at-short\n");
    Run token = cli.run("token", "--min-valid", "10m");

    assertThat(token.code()).as(token.toString()).isEqualTo(3);
    assertThat(token.out()).isEmpty();
  }

  @Test
  void fastPath_sameAnswerAsTheCommandTree() throws Exception {
    cli.loginToken(PAT);
    java.io.StringWriter out = new java.io.StringWriter();

    int code =
        FastToken.answer(
            new String[] {"--profile", "default", "token", "--format", "header"},
            cli.environment(),
            new java.io.PrintWriter(out));

    assertThat(code).isZero();
    assertThat(out.toString())
        .isEqualTo(cli.run("--profile", "default", "token", "--format", "header").out());
  }

  @Test
  void fastPath_notSignedIn_leavesItToTheCommandTree() {
    java.io.StringWriter out = new java.io.StringWriter();

    int code =
        FastToken.answer(new String[] {"token"}, cli.environment(), new java.io.PrintWriter(out));

    assertThat(code).isEqualTo(FastToken.NOT_HANDLED);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void tokenFile_isOwnerOnly() throws Exception {
    cli.loginToken(PAT);

    try (var files = Files.list(cli.home.resolve("tokens"))) {
      Path file = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(cli.configFile())))
        .isEqualTo("rw-------");
  }
}
