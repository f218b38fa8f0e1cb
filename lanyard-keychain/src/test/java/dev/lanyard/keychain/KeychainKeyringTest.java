package dev.lanyard.keychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Secret Service as a person would inspect it, and without one. Linux only. */
class KeychainKeyringTest {
  @TempDir Path dir;

  private static TokenSet tokens(String access, int padding) {
    return TokenSet.builder(access + "x".repeat(padding))
        .refreshToken("refresh-" + access)
        .scope(Scope.of("openid"))
        .issuedAt(Instant.parse("2025-01-01T10:00:00Z"))
        .expiresAt(Instant.parse("2025-01-01T10:05:00Z"))
        .build();
  }

  private static String run(Map<String, String> env, String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void secretToolShowsTheEntry_noTokenInAnyFileUnderHome() throws Exception {
    KeychainTokenStore store =
        KeychainTokenStore.forIdentity(dir, "https://id.example.org", "cli", "default");
    TokenSet t = tokens("access-visible-only-in-the-keyring-", 0);
    store.save(t);

    String lookup =
        run(Map.of(), "secret-tool", "lookup", "service", "lanyard", "account", store.account());
    assertThat(lookup).startsWith("lanyard-v1 {").contains(t.accessToken());
    assertThat(store.describe())
        .isEqualTo("Secret Service (GNOME Keyring, KWallet), entry lanyard/" + store.account());

    // The keyring daemon's HOME (the JVM's user.home comes from the password database instead).
    Path home = Path.of(System.getenv("HOME"));
    assertThat(home.toString()).as("the wrapper's throw-away home").contains("keyring-home");
    assertThat(home.resolve(".local/share/keyrings")).as("the keyring's own files").isDirectory();
    for (Path root : List.of(home, dir)) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          byte[] bytes = Files.readAllBytes(f);
          assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
              .as("file %s", f)
              .doesNotContain("access-visible-only")
              .doesNotContain("refresh-access-visible");
        }
      }
    }
    assertThat(Files.readAllBytes(store.lockPath())).as("the lock file is empty").isEmpty();
  }

  @Test
  void largeTokenSet_roundTripsThroughTheRealKeyring() throws IOException {
    KeychainTokenStore store = KeychainTokenStore.open(dir.resolve("big.lock"), "big-entry");
    TokenSet big = tokens("big-", 40_000);
    store.save(big);
    assertThat(store.load()).contains(big);
    store.clear();
    assertThat(store.load()).isEmpty();
  }

  @Test
  void withoutASessionBus_notAvailable_oneLineReason() throws Exception {
    // A child JVM with no D-Bus session: what a headless machine sees.
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), Probe.class.getName())
            .redirectErrorStream(true);
    pb.environment().remove("DBUS_SESSION_BUS_ADDRESS");
    pb.environment().put("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + dir.resolve("no-bus"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).as(out).contains("available=false").contains("open: no keychain reachable");
    assertThatThrownBy(() -> KeychainTokenStore.over(new MapSecrets(9), dir, "a#b", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Run in a child JVM: whether a keychain answers, and the message when not. */
  public static final class Probe {
    public static void main(String[] args) {
      System.out.println("available=" + KeychainTokenStore.available());
      try {
        KeychainTokenStore.open(Path.of("probe.lock"), "probe");
        System.out.println("open: ok");
      } catch (IOException e) {
        System.out.println("open: " + e.getMessage());
      }
    }
  }
}
