package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.cli.Cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A working directory made by someone else (docs/security.md, "where secrets go"): a planted {@code
 * .env}, config look-alikes, a relative {@code LANYARD_HOME}. The user's profile signs in with a
 * client secret (a canary); whatever the directory says, nothing reaches the attacker's provider.
 */
class HostileDirectoryTest {
  static final String CANARY = "CANARY-SECRET-hostile-dir-4f1b";
  static final String CANARY_FILE = "CANARY-SECRET-planted-file-9a2e";
  private static final String TOKENS =
      "{\"access_token\":\"at-good\",\"token_type\":\"Bearer\",\"expires_in\":300}";

  @TempDir Path dir;
  private Cli cli;
  private FakeProvider good;
  private FakeProvider attacker;

  @BeforeEach
  void setUp() throws Exception {
    cli = new Cli(dir);
    good = new FakeProvider();
    attacker = new FakeProvider();
    good.answer("/token", 200, TOKENS);
    attacker.answer("/token", 200, TOKENS.replace("at-good", "at-attacker"));
    cli.writeConfig(
        "default_profile: svc\n"
            + "profiles:\n"
            + "  svc:\n"
            + "    issuer: "
            + good.issuer()
            + "\n"
            + "    client_id: service\n"
            + "    flow: client-credentials\n"
            + "    client_secret_env: SVC_SECRET\n");
    cli.var("SVC_SECRET", CANARY);
  }

  @AfterEach
  void tearDown() {
    good.close();
    attacker.close();
  }

  private void plant(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  /** The attacker saw nothing at all, and the user's provider got the secret. */
  private void assertNothingLeaked(Run r) {
    assertThat(attacker.requests).as(r.toString()).isEmpty();
    assertThat(r.out() + r.err()).doesNotContain(CANARY).doesNotContain(CANARY_FILE);
  }

  private String basicSecret(RecordedRequest req) {
    String h = req.getHeaders().get("Authorization");
    return h == null
        ? ""
        : new String(java.util.Base64.getDecoder().decode(h.substring("Basic ".length())));
  }

  @Test
  void dotenvIssuer_neverReceivesTheClientSecret() throws Exception {
    plant(".env", "LANYARD_ISSUER=" + attacker.issuer() + "\n");

    Run r = cli.run("token");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("at-good\n");
    assertNothingLeaked(r);
    assertThat(basicSecret(good.requestsTo("/token").get(0))).isEqualTo("service:" + CANARY);
  }

  @Test
  void dotenvLanyardHome_withConfigLookalike_isNotFollowed() throws Exception {
    // the user's own locations come from XDG; the directory plants a home of its own
    Path userConfig = dir.resolve("xdg-config");
    cli.var("LANYARD_HOME", null).var("XDG_CONFIG_HOME", userConfig.toString());
    cli.var("XDG_STATE_HOME", dir.resolve("xdg-state").toString());
    Files.createDirectories(userConfig.resolve("lanyard"));
    Files.move(cli.configFile(), userConfig.resolve("lanyard/config.yaml"));
    plant("secret.txt", CANARY_FILE + "\n");
    plant(".env", "LANYARD_HOME=.lh\nLANYARD_PROFILE=evil\n");
    plant(
        ".lh/config.yaml",
        "default_profile: evil\nprofiles:\n  evil:\n    issuer: "
            + attacker.issuer()
            + "\n    client_id: service\n    flow: client-credentials\n"
            + "    client_secret_file: "
            + dir.resolve("secret.txt")
            + "\n");

    Run r = cli.run("token");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("at-good\n");
    assertNothingLeaked(r);
  }

  @Test
  void symlinkedDotenv_toAnAttackersFile_givesNoSettingsEither() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.writeString(
        elsewhere.resolve("planted.env"),
        "LANYARD_ISSUER="
            + attacker.issuer()
            + "\nLANYARD_TOKEN_ENDPOINT="
            + attacker.issuer()
            + "/token\n");
    Files.createSymbolicLink(dir.resolve(".env"), elsewhere.resolve("planted.env"));

    Run r = cli.run("token");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("at-good\n");
    assertNothingLeaked(r);
  }

  @Test
  void symlinkedHomeLookalike_throughDotenv_isNotFollowed() throws Exception {
    Path attackerHome = Files.createDirectories(dir.resolve("attacker-home"));
    Files.writeString(
        attackerHome.resolve("config.yaml"),
        "default_profile: svc\nprofiles:\n  svc:\n    issuer: "
            + attacker.issuer()
            + "\n    client_id: service\n    flow: client-credentials\n"
            + "    client_secret_env: SVC_SECRET\n");
    Files.createSymbolicLink(dir.resolve(".lh"), attackerHome);
    plant(".env", "LANYARD_HOME=" + dir.resolve(".lh") + "\n");

    Run r = cli.run("token");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("at-good\n");
    assertNothingLeaked(r);
  }

  @Test
  void relativeLanyardHome_isRefused() throws Exception {
    cli.var("LANYARD_HOME", ".lh");
    plant(
        ".lh/config.yaml",
        "profiles:\n  default:\n    issuer: "
            + attacker.issuer()
            + "\n    client_id: service\n    flow: client-credentials\n"
            + "    client_secret_env: SVC_SECRET\n");

    Run r = cli.run("token");

    assertThat(r.code()).as(r.toString()).isNotZero();
    assertThat(r.err()).contains("LANYARD_HOME must be an absolute path");
    assertNothingLeaked(r);
  }

  @Test
  void dotenv_stillGivesSecretValues_toTheUsersOwnProvider() throws Exception {
    cli.var("SVC_SECRET", null);
    plant(".env", "SVC_SECRET=" + CANARY + "\n");

    Run r = cli.run("token");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(basicSecret(good.requestsTo("/token").get(0))).isEqualTo("service:" + CANARY);
    assertNothingLeaked(r);
  }

  @Test
  void credentialHelpers_readNoDotenvAtAll() throws Exception {
    cli.var("SVC_SECRET", null);
    plant(".env", "SVC_SECRET=" + CANARY + "\nLANYARD_ISSUER=" + attacker.issuer() + "\n");

    Run git = cli.runWithInput("protocol=https\nhost=example.org\n\n", "git-credential", "get");
    Run kube = cli.run("token", "--format", "exec-credential");

    for (Run r : new Run[] {git, kube}) {
      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.err()).contains("the variable SVC_SECRET");
      assertNothingLeaked(r);
    }
    assertThat(good.requestsTo("/token")).isEmpty();
  }

  @Test
  void execAndStatus_inHostileDirectory_reachOnlyTheUsersProvider() throws Exception {
    plant(".env", "LANYARD_ISSUER=" + attacker.issuer() + "\nLANYARD_HOME=.lh\n");
    Path seen = dir.resolve("seen-token");

    Run exec = cli.run("exec", "--", "sh", "-c", "printf %s \"$LANYARD_ACCESS_TOKEN\" > " + seen);
    Run status = cli.run("status");

    assertThat(exec.code()).as(exec.toString()).isZero();
    assertThat(seen).hasContent("at-good");
    assertThat(status.out()).contains(good.issuer()).doesNotContain(attacker.issuer());
    assertNothingLeaked(exec);
    assertNothingLeaked(status);
  }

  @Test
  void changedIssuer_neverReceivesTheStoredRefreshToken() throws Exception {
    String refresh = "CANARY-SECRET-refresh-token-77c1";
    cli.writeConfig(
        "profiles:\n  default:\n    issuer: "
            + good.issuer()
            + "\n    client_id: app\n    flow: device\n");
    StoredTokens.store(cli, "default", good.issuer(), "app")
        .save(StoredTokens.valid("at-old", -10, refresh));
    cli.var("LANYARD_ISSUER", attacker.issuer());

    Run r = cli.run("token");

    assertThat(r.code()).as(r.toString()).isEqualTo(3); // a person must sign in; nothing sent
    assertThat(attacker.requestsTo("/token")).isEmpty();
    assertThat(r.out() + r.err()).doesNotContain(refresh);
  }
}
