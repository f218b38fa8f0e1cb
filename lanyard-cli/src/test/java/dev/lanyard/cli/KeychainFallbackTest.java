package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.cli.Cli.Run;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code store: keychain} where no keychain answers: the tokens go to the token file, with one
 * notice. Linux only: there the D-Bus session address is pointed at nothing, so the test never
 * reaches a developer's real keyring (on macOS and Windows it would).
 */
@EnabledOnOs(OS.LINUX)
class KeychainFallbackTest {
  private static final String BUS = "DBUS_SESSION_BUS_ADDRESS";
  private static String before;

  @TempDir Path dir;

  @BeforeAll
  static void noSessionBus(@TempDir Path tmp) {
    before = System.getProperty(BUS);
    // dbus-java reads this property before the environment variable.
    System.setProperty(BUS, "unix:path=" + tmp.resolve("no-bus"));
  }

  @AfterAll
  static void restore() {
    if (before == null) {
      System.clearProperty(BUS);
    } else {
      System.setProperty(BUS, before);
    }
  }

  @Test
  void keychainUnreachable_fallsBackToFile_oneNotice_statusSaysTheFile() throws Exception {
    Cli cli = new Cli(dir);
    cli.run(
        "profile", "set", "lab", "issuer=https://id.example.org", "client_id=c", "store=keychain");
    StoredTokens.store(cli, "lab", "https://id.example.org", "c")
        .save(StoredTokens.valid("at-1", 3600, "rt-1"));

    // The notice is the command line's SLF4J warning, which goes to the process's stderr.
    PrintStream realErr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Run token;
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      token = cli.run("--profile", "lab", "token");
    } finally {
      System.setErr(realErr);
    }
    assertThat(token.code()).as(token.toString()).isZero();
    assertThat(token.out().strip()).isEqualTo("at-1");
    Path file = StoredTokens.store(cli, "lab", "https://id.example.org", "c").path();
    assertThat(captured.toString(StandardCharsets.UTF_8).lines())
        .singleElement()
        .asString()
        .startsWith("lanyard: warning: no keychain reachable: ")
        .endsWith("; profile 'lab' keeps its tokens in the file " + file + " instead");

    Run status = cli.run("--profile", "lab", "status");
    assertThat(status.out()).contains("token file:");
  }

  @Test
  void unknownStore_usageError() {
    Cli cli = new Cli(dir);
    cli.run("profile", "set", "lab", "issuer=https://id.example.org", "client_id=c", "store=vault");
    Run r = cli.run("--profile", "lab", "status");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "store: 'vault' is not a token store; use file, keychain, or a redis://, rediss:// or redis-sentinel:// URI");
  }
}
