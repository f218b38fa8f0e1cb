package dev.lanyard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link TokenStore} guarantees (see its javadoc). A store's tests extend this class and
 * say how to make a fresh store; lanyard-core's test jar ships it, so stores in other modules
 * (Redis, a keychain) run the same contract.
 */
@SuppressWarnings("exports") // test code: JUnit types in its API are fine
public abstract class TokenStoreContract {
  /** A folder of the test's own, for stores that keep files. */
  @TempDir protected Path dir;

  /** For subclasses. */
  protected TokenStoreContract() {}

  /** A store with nothing in it, not shared with any other test. */
  protected abstract TokenStore newStore() throws IOException;

  /**
   * Something that changes whenever the store writes, even the same tokens again; by default what
   * {@code load()} returns.
   */
  protected Object fingerprint(TokenStore store) throws IOException {
    return store.load();
  }

  /** Makes a later write show in {@link #fingerprint} (e.g. move a file's mtime into the past). */
  protected void beforeFingerprint(TokenStore store) throws IOException {}

  protected static TokenSet tokens(String access) {
    return TokenSet.builder(access)
        .refreshToken("refresh-" + access)
        .scope(Scope.of("openid email"))
        .issuedAt(Instant.parse("2025-01-01T10:00:00Z"))
        .expiresAt(Instant.parse("2025-01-01T10:05:00Z"))
        .build();
  }

  @Test
  void load_nothingSaved_empty() throws IOException {
    assertThat(newStore().load()).isEmpty();
  }

  @Test
  void save_thenLoad_sameTokens() throws IOException {
    TokenStore store = newStore();
    store.save(tokens("a"));
    assertThat(store.load()).contains(tokens("a"));
    store.save(tokens("b"));
    assertThat(store.load()).contains(tokens("b"));
  }

  @Test
  void clear_afterSave_empty() throws IOException {
    TokenStore store = newStore();
    store.save(tokens("a"));
    store.clear();
    assertThat(store.load()).isEmpty();
    store.clear(); // clearing nothing is fine
    assertThat(store.load()).isEmpty();
  }

  @Test
  void update_empty_receivesEmptyAndSavesResult() throws IOException {
    TokenStore store = newStore();
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

  @Test
  void update_receivesStoredTokens_savesReplacement() throws IOException {
    TokenStore store = newStore();
    store.save(tokens("old"));
    TokenSet result =
        store.update(current -> tokens(current.orElseThrow().accessToken() + "-refreshed"));
    assertThat(result).isEqualTo(tokens("old-refreshed"));
    assertThat(store.load()).contains(tokens("old-refreshed"));
  }

  @Test
  void update_returningSameInstance_writesNothing() throws Exception {
    TokenStore store = newStore();
    store.save(tokens("a"));
    beforeFingerprint(store);
    Object before = fingerprint(store);
    TokenSet result = store.update(current -> current.orElseThrow());
    assertThat(result).isEqualTo(tokens("a"));
    assertThat(fingerprint(store)).isEqualTo(before);
  }

  @Test
  void update_functionThrows_storeUnchangedAndSameException() throws IOException {
    TokenStore store = newStore();
    store.save(tokens("a"));
    beforeFingerprint(store);
    Object before = fingerprint(store);
    IOException thrown = new IOException("provider down");
    assertThatThrownBy(
            () ->
                store.update(
                    current -> {
                      throw thrown;
                    }))
        .isSameAs(thrown);
    assertThat(fingerprint(store)).isEqualTo(before);
    assertThat(store.load()).contains(tokens("a"));
  }

  @Test
  void update_functionReturnsNull_nullPointerAndStoreUnchanged() throws IOException {
    TokenStore store = newStore();
    assertThatThrownBy(() -> store.update(current -> null))
        .isInstanceOf(NullPointerException.class);
    assertThat(store.load()).isEmpty();
    store.save(tokens("a"));
    assertThatThrownBy(() -> store.update(current -> null))
        .isInstanceOf(NullPointerException.class);
    assertThat(store.load()).contains(tokens("a"));
  }

  @Test
  void update_nestedCallsOnSameThread_noDeadlock() throws IOException {
    TokenStore store = newStore();
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

  /** The exclusive section: no two bodies overlap, and none misses another's write. */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  void update_4threadsx10increments_exclusiveAndExactCount() throws Exception {
    TokenStore store = newStore();
    AtomicBoolean inside = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CyclicBarrier start = new CyclicBarrier(4);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await(20, TimeUnit.SECONDS);
                  for (int i = 0; i < 10; i++) {
                    store.update(
                        current -> {
                          assertThat(inside.getAndSet(true)).as("another body inside").isFalse();
                          int n = current.map(c -> Integer.parseInt(c.accessToken())).orElse(0);
                          inside.set(false);
                          return TokenSet.builder(String.valueOf(n + 1)).build();
                        });
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get(50, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.load().orElseThrow().accessToken()).isEqualTo("40");
  }

  @Test
  void describe_saysWhereNotWhat() throws IOException {
    TokenStore store = newStore();
    store.save(tokens("secret-access"));
    assertThat(store.describe()).isNotBlank().doesNotContain("secret-access");
    assertThat(store.toString()).doesNotContain("secret-access");
  }
}
