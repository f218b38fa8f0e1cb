package dev.lanyard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.TokenSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files that are not token sets load as empty and stay untouched until new tokens replace them. */
class FileTokenStoreCorruptTest {
  @TempDir Path dir;

  private static final String SECRET = "s3cret-value";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "garbage s3cret-value \u0000\u00ff",
        "",
        "{}",
        "[\"s3cret-value\"]",
        "{\"version\":1,\"token_type\":\"Bearer\",\"access_token\":\"s3cret-value\"",
        "{\"version\":2,\"token_type\":\"Bearer\",\"access_token\":\"s3cret-value\","
            + "\"scope\":\"\",\"issued_at\":\"2025-01-01T00:00:00Z\"}",
        "{\"version\":\"s3cret-value\",\"token_type\":\"Bearer\",\"access_token\":\"x\","
            + "\"scope\":\"\",\"issued_at\":\"2025-01-01T00:00:00Z\"}",
        "{\"version\":1,\"token_type\":\"Bearer\",\"refresh_token\":\"s3cret-value\","
            + "\"scope\":\"\",\"issued_at\":\"2025-01-01T00:00:00Z\"}",
        "{\"version\":1,\"token_type\":\"Bearer\",\"access_token\":\"\","
            + "\"scope\":\"\",\"issued_at\":\"2025-01-01T00:00:00Z\"}",
        "{\"version\":1,\"token_type\":\"Bearer\",\"access_token\":42,"
            + "\"scope\":\"\",\"issued_at\":\"2025-01-01T00:00:00Z\"}",
        "{\"version\":1,\"token_type\":\"Bearer\",\"access_token\":\"x\","
            + "\"scope\":\"\",\"issued_at\":\"s3cret-value\"}",
      })
  void load_corruptFile_emptyAndFileKept(String content) throws IOException {
    FileTokenStore store = FileTokenStore.at(dir.resolve("t.json"));
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    Files.write(store.path(), bytes);
    try (StderrCapture log = new StderrCapture()) {
      assertThat(store.load()).isEmpty();
      List<String> lines = log.lines(store.path().toString());
      assertThat(lines)
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .contains("WARN", "Ignoring token file", "a new sign-in will replace it")
          .doesNotContain(SECRET);
      assertThat(log.lines(SECRET)).isEmpty();
    }
    assertThat(Files.readAllBytes(store.path())).isEqualTo(bytes);
  }

  @Test
  void load_missingAccessToken_warningSaysWhy() throws IOException {
    FileTokenStore store = FileTokenStore.at(dir.resolve("t.json"));
    Files.writeString(
        store.path(),
        "{\"version\":1,\"token_type\":\"Bearer\",\"scope\":\"\",\"issued_at\":\"2025-01-01T00:00:00Z\"}");
    try (StderrCapture log = new StderrCapture()) {
      assertThat(store.load()).isEmpty();
      assertThat(log.warnings(store.path().toString()))
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .contains("no access_token field");
    }
  }

  @Test
  void load_directoryAtPath_emptyAndDirectoryKept() throws IOException {
    FileTokenStore store = FileTokenStore.at(dir.resolve("t.json"));
    Files.createDirectory(store.path());
    Files.writeString(store.path().resolve("inside"), "x");
    try (StderrCapture log = new StderrCapture()) {
      assertThat(store.load()).isEmpty();
      assertThat(log.warnings(store.path().toString()))
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .contains("cannot be read", "a new sign-in will replace it");
    }
    assertThatThrownBy(() -> store.save(TokenSet.builder("new").build()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(store.path().toString());
    assertThat(store.path().resolve("inside")).hasContent("x");
    assertThat(dir.toFile().list()).containsExactlyInAnyOrder("t.json", "t.json.lock");
  }

  @Test
  void save_emptyDirectoryAtPath_replacedByFile() throws IOException {
    FileTokenStore store = FileTokenStore.at(dir.resolve("t.json"));
    Files.createDirectory(store.path());
    assertThat(store.load()).isEmpty();
    assertThat(store.path()).isDirectory();
    store.save(TokenSet.builder("new").build());
    assertThat(store.path()).isRegularFile();
    assertThat(store.load().orElseThrow().accessToken()).isEqualTo("new");
  }

  @Test
  void update_corruptFileFunctionThrows_fileKept() throws IOException {
    FileTokenStore store = FileTokenStore.at(dir.resolve("t.json"));
    byte[] bytes = "{not json s3cret-value".getBytes(StandardCharsets.UTF_8);
    Files.write(store.path(), bytes);
    assertThatThrownBy(
            () ->
                store.update(
                    current -> {
                      assertThat(current).isEmpty();
                      throw new IOException("sign-in failed");
                    }))
        .hasMessage("sign-in failed");
    assertThat(Files.readAllBytes(store.path())).isEqualTo(bytes);
    assertThat(dir.toFile().list()).containsExactlyInAnyOrder("t.json", "t.json.lock");
  }

  @Test
  void update_corruptFileNewTokens_replacesFile() throws IOException {
    FileTokenStore store = FileTokenStore.at(dir.resolve("t.json"));
    Files.writeString(store.path(), "{}");
    TokenSet fresh = TokenSet.builder("fresh").build();
    assertThat(store.update(current -> fresh)).isSameAs(fresh);
    assertThat(store.load()).contains(fresh);
  }

  @Test
  void save_corruptFile_replacesIt() throws IOException {
    FileTokenStore store = FileTokenStore.at(dir.resolve("t.json"));
    Files.writeString(store.path(), "garbage");
    TokenSet fresh = TokenSet.builder("fresh").refreshToken("r").build();
    store.save(fresh);
    assertThat(store.load()).contains(fresh);
  }

  @Test
  void load_leftoverTempFile_ignored() throws IOException {
    FileTokenStore store = FileTokenStore.at(dir.resolve("t.json"));
    TokenSet tokens = TokenSet.builder("kept").build();
    store.save(tokens);
    Files.writeString(
        dir.resolve(".t.json.12345.tmp"), "{\"version\":1,\"acc"); // a crash mid-write
    assertThat(store.load()).contains(tokens);
  }
}
