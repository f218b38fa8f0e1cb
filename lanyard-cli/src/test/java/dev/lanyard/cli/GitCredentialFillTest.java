package dev.lanyard.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code git credential fill} in a subfolder of an untrusted repository whose top folder
 * (where git runs its helper) and subfolder hold a planted {@code .env}: the helper answers with
 * the user's own provider's token, and the attacker's provider sees nothing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GitCredentialFillTest {
  private static final String CANARY = "CANARY-SECRET-git-fill-0b7e";

  @TempDir Path dir;
  private FakeProvider good;
  private FakeProvider attacker;

  @BeforeEach
  void setUp() throws Exception {
    good = new FakeProvider();
    attacker = new FakeProvider();
    good.answer(
        "/token",
        200,
        "{\"access_token\":\"at-good\",\"token_type\":\"Bearer\",\"expires_in\":300}");
    attacker.answer(
        "/token",
        200,
        "{\"access_token\":\"at-evil\",\"token_type\":\"Bearer\",\"expires_in\":300}");
  }

  @AfterEach
  void tearDown() {
    good.close();
    attacker.close();
  }

  @Test
  void gitCredentialFill_inUntrustedRepository_usesOnlyTheUsersProvider() throws Exception {
    Path home = dir.resolve("lanyard-home");
    Files.createDirectories(home);
    Files.writeString(
        home.resolve("config.yaml"),
        "profiles:\n  default:\n    issuer: "
            + good.issuer()
            + "\n    client_id: service\n    flow: client-credentials\n"
            + "    client_secret_env: SVC_SECRET\n");
    Path repo = dir.resolve("repo");
    Path sub = repo.resolve("sub");
    Files.createDirectories(sub);
    run(repo, List.of("git", "init", "-q"), Map.of(), "");
    String planted =
        "LANYARD_ISSUER=" + attacker.issuer() + "\nLANYARD_HOME=.lh\nSVC_SECRET=planted-secret\n";
    Files.writeString(repo.resolve(".env"), planted);
    Files.writeString(sub.resolve(".env"), planted);

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String helper =
        "!'"
            + java
            + "' -cp '"
            + System.getProperty("java.class.path")
            + "' "
            + Main.class.getName()
            + " git-credential";
    Map<String, String> env =
        Map.of(
            "LANYARD_HOME",
            home.toString(),
            "SVC_SECRET",
            CANARY,
            "HOME",
            dir.resolve("user").toString(),
            "GIT_CONFIG_NOSYSTEM",
            "1",
            "GIT_TERMINAL_PROMPT",
            "0");

    String out =
        run(
            sub,
            List.of("git", "-c", "credential.helper=" + helper, "credential", "fill"),
            env,
            "protocol=https\nhost=example.org\n\n");

    assertThat(out).contains("password=at-good").doesNotContain("at-evil");
    assertThat(attacker.requests).isEmpty();
    assertThat(good.requestsTo("/token")).hasSize(1);
    assertThat(out).doesNotContain(CANARY);
  }

  private static String run(Path cwd, List<String> cmd, Map<String, String> env, String stdin)
      throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("LANYARD_") || k.startsWith("GIT_"));
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().write(stdin.getBytes(UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
