package dev.lanyard.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Keeping provider credentials: the contract for both stores, then the file's own rules. */
class CredentialStoreTest {
  @TempDir Path dir;

  private static Credentials labArchives() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("uid", "u-Ab/+=\"\\ü");
    values.put("email", "ada@example.org");
    return Credentials.of("labarchives", values);
  }

  static Stream<Arguments> stores() {
    return Stream.of(Arguments.of("memory"), Arguments.of("file"));
  }

  private CredentialStore store(String kind) {
    return kind.equals("memory")
        ? CredentialStore.memory()
        : CredentialStore.file(dir.resolve("creds").resolve("labarchives.json"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void saveLoadClear_roundTrip(String kind) throws IOException {
    CredentialStore store = store(kind);
    assertThat(store.load()).isEmpty();

    store.save(labArchives());
    assertThat(store.load()).contains(labArchives());
    assertThat(store.load().orElseThrow().values().keySet()).containsExactly("uid", "email");

    store.clear();
    assertThat(store.load()).isEmpty();
    store.clear(); // clearing nothing is fine
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void save_replacesWhatWasThere(String kind) throws IOException {
    CredentialStore store = store(kind);
    store.save(labArchives());
    Credentials other = Credentials.of("labarchives", Map.of("uid", "u-2"));

    store.save(other);

    assertThat(store.load()).contains(other);
  }

  @Test
  void file_ownerOnlyFileInOwnerOnlyFolder_noTempFileLeft() throws IOException {
    Path file = dir.resolve("new").resolve("la.json");
    CredentialStore.file(file).save(labArchives());

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void file_versionedJsonDocument() throws IOException {
    Path file = dir.resolve("la.json");
    CredentialStore.file(file).save(Credentials.of("labarchives", Map.of("uid", "u1")));

    assertThat(Files.readString(file))
        .isEqualTo(
            "{\"version\":1,\"type\":\"credentials\",\"provider\":\"labarchives\","
                + "\"values\":{\"uid\":\"u1\"}}\n");
  }

  @Test
  void file_corruptOrForeignDocument_loadsEmpty() throws IOException {
    Path file = dir.resolve("la.json");
    CredentialStore store = CredentialStore.file(file);
    for (String doc :
        new String[] {
          "not json",
          "{\"version\":2,\"type\":\"credentials\",\"provider\":\"x\",\"values\":{}}",
          "{\"version\":1,\"token_type\":\"Bearer\",\"access_token\":\"at\"}",
          "{\"version\":1,\"type\":\"credentials\",\"provider\":\"x\",\"values\":{\"k\":1}}",
          "{\"version\":1,\"type\":\"credentials\",\"provider\":\"X Y\",\"values\":{}}",
        }) {
      Files.writeString(file, doc, StandardCharsets.UTF_8);
      assertThat(store.load()).as(doc).isEmpty();
    }
  }

  @Test
  void file_describeIsThePath_relativeResolvedNow() {
    CredentialStore store = CredentialStore.file(dir.resolve("a/../la.json"));

    assertThat(store.describe()).isEqualTo(dir.resolve("la.json").toString());
    assertThat(store).hasToString(dir.resolve("la.json").toString());
    assertThatThrownBy(() -> CredentialStore.file(Path.of("/")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("file must name a file inside a folder: /");
  }
}
