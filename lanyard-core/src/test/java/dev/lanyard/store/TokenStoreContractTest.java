package dev.lanyard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every {@link TokenStore} does, run against each implementation. */
class TokenStoreContractTest {
  @TempDir Path dir;

  enum Kind {
    MEMORY,
    FILE;

    TokenStore create(Path dir) {
      return this == MEMORY ? TokenStore.memory() : FileTokenStore.at(dir.resolve("tokens.json"));
    }
  }

  private static TokenSet tokens(String access) {
    return TokenSet.builder(access)
        .refreshToken("refresh-" + access)
        .scope(Scope.of("openid email"))
        .issuedAt(Instant.parse("2025-01-01T10:00:00Z"))
        .expiresAt(Instant.parse("2025-01-01T10:05:00Z"))
        .build();
  }

  /** Something that changes whenever the store writes: for a file, its bytes, inode and mtime. */
  private List<Object> fingerprint(TokenStore store) throws IOException {
    if (store instanceof FileTokenStore file) {
      BasicFileAttributes attrs = Files.readAttributes(file.path(), BasicFileAttributes.class);
      return List.of(
          new String(Files.readAllBytes(file.path())),
          String.valueOf(attrs.fileKey()),
          attrs.lastModifiedTime(),
          List.of(dir.toFile().list()));
    }
    return List.of(store.load().orElseThrow());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void load_nothingSaved_empty(Kind kind) throws IOException {
    assertThat(kind.create(dir).load()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void save_thenLoad_sameTokens(Kind kind) throws IOException {
    TokenStore store = kind.create(dir);
    store.save(tokens("a"));
    assertThat(store.load()).contains(tokens("a"));
    store.save(tokens("b"));
    assertThat(store.load()).contains(tokens("b"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void clear_afterSave_empty(Kind kind) throws IOException {
    TokenStore store = kind.create(dir);
    store.save(tokens("a"));
    store.clear();
    assertThat(store.load()).isEmpty();
    store.clear(); // clearing nothing is fine
    assertThat(store.load()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void update_empty_receivesEmptyAndSavesResult(Kind kind) throws IOException {
    TokenStore store = kind.create(dir);
    AtomicReference<Optional<TokenSet>> seen = new AtomicReference<>();
    TokenSet result =
        store.update(
            current -> {
              seen.set(current);
              return tokens("new");
            });
    assertThat(seen.get()).isEmpty();
    assertThat(result).isEqualTo(tokens("new"));
    assertThat(store.load()).contains(tokens("new"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void update_receivesStoredTokens_savesReplacement(Kind kind) throws IOException {
    TokenStore store = kind.create(dir);
    store.save(tokens("old"));
    TokenSet result =
        store.update(current -> tokens(current.orElseThrow().accessToken() + "-refreshed"));
    assertThat(result).isEqualTo(tokens("old-refreshed"));
    assertThat(store.load()).contains(tokens("old-refreshed"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void update_returningSameInstance_writesNothing(Kind kind) throws Exception {
    TokenStore store = kind.create(dir);
    store.save(tokens("a"));
    if (store instanceof FileTokenStore file) {
      // An hour in the past: a rewrite would show in the modification time too, without waiting.
      Files.setLastModifiedTime(
          file.path(),
          java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600)));
    }
    List<Object> before = fingerprint(store);
    TokenSet result = store.update(current -> current.orElseThrow());
    assertThat(result).isEqualTo(tokens("a"));
    assertThat(fingerprint(store)).isEqualTo(before);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void update_functionThrows_storeUnchanged(Kind kind) throws IOException {
    TokenStore store = kind.create(dir);
    store.save(tokens("a"));
    List<Object> before = fingerprint(store);
    assertThatThrownBy(
            () ->
                store.update(
                    current -> {
                      throw new IOException("provider down");
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("provider down");
    assertThat(fingerprint(store)).isEqualTo(before);
    assertThat(store.load()).contains(tokens("a"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void update_nestedCallsOnSameThread_noDeadlock(Kind kind) throws IOException {
    TokenStore store = kind.create(dir);
    store.save(tokens("a"));
    TokenSet result =
        store.update(
            current -> {
              assertThat(store.load()).isEqualTo(current);
              store.save(tokens("inner-save"));
              store.clear();
              return store.update(inner -> tokens("inner-update"));
            });
    assertThat(result).isEqualTo(tokens("inner-update"));
    assertThat(store.load()).contains(tokens("inner-update"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void describe_namesLocation(Kind kind) {
    TokenStore store = kind.create(dir);
    assertThat(store.describe())
        .isEqualTo(kind == Kind.MEMORY ? "memory" : dir.resolve("tokens.json").toString());
  }
}
