package dev.lanyard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTokenStoreTest {
  @TempDir Path dir;

  private static final TokenSet FULL =
      TokenSet.builder("access-1")
          .tokenType("DPoP")
          .refreshToken("refresh-1")
          .idToken("id-1")
          .scope(Scope.of("openid email offline_access"))
          .issuedAt(Instant.parse("2025-01-01T10:00:00.123456789Z"))
          .expiresAt(Instant.parse("2025-01-01T10:05:00Z"))
          .refreshExpiresAt(Instant.parse("2025-01-01T10:30:00Z"))
          .build();

  @Test
  void roundTrip_everyField_equal() throws Exception {
    FileTokenStore store = FileTokenStore.at(dir.resolve("t.json"));
    store.save(FULL);
    TokenSet loaded = FileTokenStore.at(dir.resolve("t.json")).load().orElseThrow();
    assertThat(loaded).isEqualTo(FULL);
    assertThat(loaded.tokenType()).isEqualTo("DPoP");
    assertThat(loaded.idToken()).contains("id-1");
    assertThat(loaded.refreshExpiresAt()).contains(Instant.parse("2025-01-01T10:30:00Z"));
    assertThat(loaded.issuedAt()).isEqualTo(FULL.issuedAt());
  }

  @Test
  void roundTrip_optionalFieldsAbsent_stayAbsent() throws Exception {
    TokenSet minimal = TokenSet.builder("pat").issuedAt(Instant.EPOCH).build();
    FileTokenStore store = FileTokenStore.at(dir.resolve("t.json"));
    store.save(minimal);
    TokenSet loaded = store.load().orElseThrow();
    assertThat(loaded).isEqualTo(minimal);
    assertThat(loaded.refreshToken()).isEmpty();
    assertThat(loaded.idToken()).isEmpty();
    assertThat(loaded.expiresAt()).isEmpty();
    assertThat(loaded.refreshExpiresAt()).isEmpty();
    assertThat(loaded.scope()).isEqualTo(Scope.EMPTY);
    assertThat(JSONObjectUtils.parse(Files.readString(store.path())))
        .containsOnlyKeys("version", "token_type", "access_token", "scope", "issued_at");
  }

  @Test
  void save_writesVersion1Json() throws Exception {
    FileTokenStore store = FileTokenStore.at(dir.resolve("t.json"));
    store.save(FULL);
    Map<String, Object> json = JSONObjectUtils.parse(Files.readString(store.path()));
    assertThat(json)
        .containsEntry("version", 1L)
        .containsEntry("token_type", "DPoP")
        .containsEntry("access_token", "access-1")
        .containsEntry("refresh_token", "refresh-1")
        .containsEntry("id_token", "id-1")
        .containsEntry("scope", "openid email offline_access")
        .containsEntry("issued_at", "2025-01-01T10:00:00.123456789Z")
        .containsEntry("expires_at", "2025-01-01T10:05:00Z")
        .containsEntry("refresh_expires_at", "2025-01-01T10:30:00Z")
        .hasSize(9);
  }

  @Test
  void save_missingFolders_created0700_file0600_noTempFilesLeft() throws Exception {
    Path folder = dir.resolve("a/b");
    FileTokenStore store = FileTokenStore.at(folder.resolve("t.json"));
    store.save(FULL);
    store.save(FULL);
    store.update(current -> TokenSet.builder("access-2").build());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a"))))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.path())))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.lockPath())))
        .isEqualTo("rw-------");
    assertThat(folder.toFile().list()).containsExactlyInAnyOrder("t.json", "t.json.lock");
  }

  @Test
  void save_sharedFolder_warnsOnce() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("shared"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    FileTokenStore store = FileTokenStore.at(folder.resolve("t.json"));
    try (StderrCapture log = new StderrCapture()) {
      store.save(FULL);
      store.save(FULL);
      assertThat(log.warnings(folder.toString()))
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .contains("open to other users", "rwxr-xr-x");
    }
  }

  @Test
  void load_sharedFile_warnsOnce() throws Exception {
    FileTokenStore store = FileTokenStore.at(dir.resolve("t.json"));
    store.save(FULL);
    Files.setPosixFilePermissions(store.path(), PosixFilePermissions.fromString("rw-r--r--"));
    try (StderrCapture log = new StderrCapture()) {
      assertThat(store.load()).contains(FULL);
      assertThat(store.load()).contains(FULL);
      assertThat(log.warnings(store.path().toString()))
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .contains("open to other users", "chmod 600");
    }
  }

  @Test
  void clear_deletesTokenFile_keepsLockFile() throws Exception {
    FileTokenStore store = FileTokenStore.at(dir.resolve("t.json"));
    store.save(FULL);
    store.clear();
    assertThat(store.path()).doesNotExist();
    assertThat(store.lockPath()).exists();
    assertThat(store.load()).isEmpty();
  }

  @Test
  void clear_missingFolder_createsNothing() throws Exception {
    FileTokenStore store = FileTokenStore.at(dir.resolve("none/t.json"));
    store.clear();
    assertThat(dir.resolve("none")).doesNotExist();
  }

  @Test
  void at_relativePath_absoluteAndNormalized() {
    FileTokenStore store = FileTokenStore.at(Path.of("x/../tokens.json"));
    Path expected = Path.of("tokens.json").toAbsolutePath();
    assertThat(store.path()).isEqualTo(expected);
    assertThat(store.lockPath()).isEqualTo(expected.resolveSibling("tokens.json.lock"));
    assertThat(store.describe()).isEqualTo(expected.toString());
    assertThat(store.toString()).isEqualTo(expected.toString());
  }

  @Test
  void at_root_illegalArgument() {
    assertThatThrownBy(() -> FileTokenStore.at(Path.of("/")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("file must name a file inside a folder: /");
  }

  @Test
  void withLockTimeout_copyWithNewTimeout_defaultSixtySeconds() {
    FileTokenStore store = FileTokenStore.at(dir.resolve("t.json"));
    FileTokenStore quick = store.withLockTimeout(Duration.ofMillis(10));
    assertThat(store.lockTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(quick.lockTimeout()).isEqualTo(Duration.ofMillis(10));
    assertThat(quick.path()).isEqualTo(store.path());
    assertThatThrownBy(() -> store.withLockTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lockTimeout must not be negative: PT-1S");
  }

  @Test
  void update_nestedOnCopyOfStore_noDeadlock() throws Exception {
    FileTokenStore store = FileTokenStore.at(dir.resolve("t.json"));
    FileTokenStore copy = store.withLockTimeout(Duration.ZERO);
    TokenSet result = store.update(current -> copy.update(inner -> FULL));
    assertThat(result).isEqualTo(FULL);
    assertThat(store.load()).contains(FULL);
  }

  @Test
  void toString_neverShowsTokens() throws Exception {
    FileTokenStore store = FileTokenStore.at(dir.resolve("t.json"));
    store.save(FULL);
    assertThat(store.toString()).doesNotContain("access-1", "refresh-1", "id-1");
  }

  @Test
  void fileName_sha256Prefix_32HexDigits() {
    assertThat(FileTokenStore.fileName("https://idp.example/realms/x", "cli", "default"))
        .matches("[0-9a-f]{32}\\.json");
  }

  @Test
  void fileName_emptyPart_illegalArgument() {
    assertThatThrownBy(() -> FileTokenStore.fileName("", "c", "p"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("issuer must not be empty");
    assertThatThrownBy(() -> FileTokenStore.fileName("i", "", "p"))
        .hasMessage("clientId must not be empty");
    assertThatThrownBy(() -> FileTokenStore.fileName("i", "c", ""))
        .hasMessage("profile must not be empty");
  }

  @Test
  void forIdentity_differentIdentities_differentFiles() {
    Set<Path> paths =
        Set.of(
            FileTokenStore.forIdentity(dir, "https://a", "cli", "default").path(),
            FileTokenStore.forIdentity(dir, "https://b", "cli", "default").path(),
            FileTokenStore.forIdentity(dir, "https://a", "web", "default").path(),
            FileTokenStore.forIdentity(dir, "https://a", "cli", "work").path(),
            // the same characters split differently must not collide
            FileTokenStore.forIdentity(dir, "ab", "c", "d").path(),
            FileTokenStore.forIdentity(dir, "a", "bc", "d").path(),
            FileTokenStore.forIdentity(dir, "a", "b", "cd").path());
    assertThat(paths).hasSize(7).allSatisfy(p -> assertThat(p.getParent()).isEqualTo(dir));
  }

  @Test
  void forIdentity_sameIdentity_sameFile() throws Exception {
    FileTokenStore first = FileTokenStore.forIdentity(dir, "https://a", "cli", "default");
    FileTokenStore second = FileTokenStore.forIdentity(dir, "https://a", "cli", "default");
    assertThat(second.path()).isEqualTo(first.path());
    first.save(FULL);
    assertThat(second.load()).contains(FULL);
    assertThat(new String(Files.readAllBytes(first.path()), StandardCharsets.UTF_8))
        .startsWith("{\"version\":1,");
  }
}
