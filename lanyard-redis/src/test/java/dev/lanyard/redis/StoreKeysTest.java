package dev.lanyard.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreKeysTest {
  @Test
  void parse_severalKeys_firstWritesAllRead() throws Exception {
    String a = StoreKeys.generate();
    String b = StoreKeys.generate();
    StoreKeys keys = StoreKeys.parse(a + ",\n " + b);
    assertThat(keys.ids()).hasSize(2).first().isEqualTo(keys.currentId());
    assertThat(StoreKeys.parse(a).currentId()).isEqualTo(keys.currentId()); // id follows the key
    String sealed = StoreKeys.parse(b).seal("hello", "ctx");
    assertThat(keys.open(sealed, "ctx")).isEqualTo("hello");
    assertThat(keys.toString()).doesNotContain(a).doesNotContain(b);
  }

  @Test
  void parse_badKeys_messageSaysWhichNeverWhat() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> StoreKeys.parse(StoreKeys.generate() + "," + shortKey))
        .hasMessage("store key 2 has 16 bytes, not 32 (AES-256)");
    assertThatThrownBy(() -> StoreKeys.parse("not*base64")).hasMessage("store key 1 is not base64");
    assertThatThrownBy(() -> StoreKeys.parse("  ")).hasMessage("no store key given");
  }

  @Test
  void fromFile_readsKeys(@TempDir Path dir) throws Exception {
    String a = StoreKeys.generate();
    Path file = Files.writeString(dir.resolve("key"), a + "\n");
    assertThat(StoreKeys.fromFile(file).currentId()).isEqualTo(StoreKeys.parse(a).currentId());
  }

  @Test
  void seal_sameInputTwice_differentCiphertext() throws Exception {
    StoreKeys keys = StoreKeys.parse(StoreKeys.generate());
    assertThat(keys.seal("x", "c")).isNotEqualTo(keys.seal("x", "c"));
    assertThatThrownBy(() -> keys.open(keys.seal("x", "c"), "other"))
        .isInstanceOf(StoreKeyException.class);
  }
}
