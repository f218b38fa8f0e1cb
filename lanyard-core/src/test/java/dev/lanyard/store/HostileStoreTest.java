package dev.lanyard.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.LoginTimeoutException;
import dev.lanyard.ProviderUnreachableException;
import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.internal.grant.TokenRequests;
import dev.lanyard.internal.http.TokenEndpoint;
import dev.lanyard.testing.HostileServer;
import dev.lanyard.transport.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store against what a hostile or broken world does to it: a provider that stalls while the
 * exclusive section is held, a holder killed with the lock, a FIFO where the token or lock file
 * belongs. Nobody hangs; the tokens stay intact.
 */
// a separate thread: a blocked open of a FIFO cannot be interrupted
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileStoreTest {
  private static final TokenSet STORED =
      TokenSet.builder("at-stored").refreshToken("rt-stored").build();

  @TempDir Path dir;

  @Test
  void providerStallsInsideTheSection_holderFailsAtTheDeadline_lockReleased_tokensIntact()
      throws Exception {
    FileTokenStore store = FileTokenStore.at(dir.resolve("t.json"));
    store.save(STORED);
    Transport quick =
        Transport.builder().maxRetries(0).requestTimeout(Duration.ofMillis(500)).build();
    try (HostileServer provider = new HostileServer()) {
      TokenEndpoint endpoint =
          new TokenEndpoint(
              provider.url("/token"),
              ClientAuthentication.none("app"),
              quick,
              InstantSource.system(),
              Duration.ofMinutes(5));

      assertThatThrownBy(
              () ->
                  store.update(
                      current ->
                          endpoint.fetch(
                              TokenRequests.refresh(
                                  current.orElseThrow().refreshToken().orElseThrow(),
                                  Scope.EMPTY))))
          .isInstanceOf(ProviderUnreachableException.class)
          .hasMessageContaining("the token endpoint");
    }

    // another process's store, which will not wait at all: the section is free again
    FileTokenStore other = FileTokenStore.at(dir.resolve("t.json")).withLockTimeout(Duration.ZERO);
    assertThat(other.update(current -> current.orElseThrow())).isEqualTo(STORED);
    assertThat(other.load()).contains(STORED);
  }

  @Test
  void holderKilledWithTheLock_lockRecovered() throws Exception {
    FileTokenStore store =
        FileTokenStore.at(dir.resolve("t.json")).withLockTimeout(Duration.ofMillis(200));
    Files.createDirectories(dir);
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LockHolder.class.getName(),
                store.lockPath().toString())
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(holder.getInputStream(), UTF_8));
      assertThat(out.readLine()).isEqualTo("locked");
      assertThatThrownBy(() -> store.save(STORED))
          .isInstanceOf(LoginTimeoutException.class)
          .hasMessageContaining("another process holds it");

      holder.destroyForcibly(); // kill -9 while holding the lock
      assertThat(holder.waitFor(20, TimeUnit.SECONDS)).isTrue();

      store.withLockTimeout(Duration.ofSeconds(20)).save(STORED);
      assertThat(store.load()).contains(STORED);
    } finally {
      holder.destroyForcibly();
    }
  }

  @Test
  void fifoAsTokenFile_loadsEmptyWithoutBlocking_saveRefused() throws Exception {
    FileTokenStore store = FileTokenStore.at(dir.resolve("t.json"));
    mkfifo(store.path());

    assertThat(store.load()).isEmpty();
    assertThatThrownBy(() -> store.save(STORED))
        .isInstanceOf(FileSystemException.class)
        .hasMessageContaining("the token file is a FIFO, not a regular file");
  }

  @Test
  void fifoAsLockFile_refusedWithoutBlocking() throws Exception {
    FileTokenStore store = FileTokenStore.at(dir.resolve("t.json"));
    mkfifo(store.lockPath());

    assertThatThrownBy(() -> store.save(STORED))
        .isInstanceOf(FileSystemException.class)
        .hasMessageContaining("the lock file is a FIFO, not a regular file");
    assertThat(store.path()).doesNotExist();
  }

  @Test
  void tokenFileWithIllegalCharacters_loadsEmpty() throws IOException {
    FileTokenStore store = FileTokenStore.at(dir.resolve("t.json"));
    Files.writeString(
        store.path(),
        "{\"version\":1,\"token_type\":\"Bearer\",\"access_token\":\"a\\r\\nX: y\","
            + "\"scope\":\"\",\"issued_at\":\"2025-01-01T00:00:00Z\"}");

    assertThat(store.load()).isEmpty();
  }

  static void mkfifo(Path p) throws Exception {
    Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    assertThat(mk.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(mk.exitValue()).isZero();
  }
}
