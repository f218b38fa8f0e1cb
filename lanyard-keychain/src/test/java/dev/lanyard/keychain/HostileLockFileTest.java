package dev.lanyard.keychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.TokenSet;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keychain store's exclusive section is the core's: something other than a regular file where
 * the lock file belongs is refused at once (opening a FIFO for writing would block until a reader
 * came), and the stored tokens stay as they were.
 */
// a separate thread: a blocked open of a FIFO cannot be interrupted
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileLockFileTest {
  private static final TokenSet STORED = TokenSet.builder("at-stored").refreshToken("rt").build();

  @TempDir Path dir;

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void fifoAsLockFile_saveRefusedWithoutBlocking_entryIntact() throws Exception {
    MapSecrets secrets = new MapSecrets(16 * 1024);
    Path lock = dir.resolve("acct.keychain.lock");
    KeychainTokenStore store =
        KeychainTokenStore.over(secrets, lock, "acct", Duration.ofSeconds(5));
    store.save(STORED);
    Files.delete(lock);
    Process mk = new ProcessBuilder("mkfifo", lock.toString()).inheritIO().start();
    assertThat(mk.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(mk.exitValue()).isZero();

    assertThatThrownBy(() -> store.save(TokenSet.builder("at-new").build()))
        .isInstanceOf(FileSystemException.class)
        .hasMessageContaining("the lock file is a FIFO, not a regular file");
    assertThatThrownBy(store::clear).isInstanceOf(FileSystemException.class);
    assertThat(store.load()).contains(STORED);
  }

  @Test
  void folderAsLockFile_saveFails_entryIntact() throws Exception {
    MapSecrets secrets = new MapSecrets(16 * 1024);
    Path lock = Files.createDirectory(dir.resolve("acct.keychain.lock"));
    KeychainTokenStore store =
        KeychainTokenStore.over(secrets, lock, "acct", Duration.ofSeconds(5));

    assertThatThrownBy(() -> store.save(STORED)).isInstanceOf(java.io.IOException.class);
    assertThat(store.load()).isEmpty();
  }
}
