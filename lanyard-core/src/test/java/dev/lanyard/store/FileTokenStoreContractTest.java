package dev.lanyard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The store contract for {@link FileTokenStore}; a write shows in the file's bytes, inode, mtime.
 */
class FileTokenStoreContractTest extends TokenStoreContract {
  @Override
  protected TokenStore newStore() {
    return FileTokenStore.at(dir.resolve("tokens.json"));
  }

  @Override
  protected void beforeFingerprint(TokenStore store) throws IOException {
    // An hour in the past: a rewrite would show in the modification time too, without waiting.
    Files.setLastModifiedTime(
        ((FileTokenStore) store).path(), FileTime.from(Instant.now().minusSeconds(3600)));
  }

  @Override
  protected Object fingerprint(TokenStore store) throws IOException {
    FileTokenStore file = (FileTokenStore) store;
    BasicFileAttributes attrs = Files.readAttributes(file.path(), BasicFileAttributes.class);
    return List.of(
        new String(Files.readAllBytes(file.path())),
        String.valueOf(attrs.fileKey()),
        attrs.lastModifiedTime(),
        List.of(dir.toFile().list()));
  }

  @Test
  void describe_tokenFilePath() {
    assertThat(newStore().describe()).isEqualTo(dir.resolve("tokens.json").toString());
  }
}
