package dev.lanyard.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.TokenSet;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Redis stopped and started again under a store: a private redis-server per test. */
class RedisOutageTest {
  @TempDir Path dir;
  private RedisServer server;
  private RedisStore redis;
  private final List<String> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = RedisServer.start(dir);
    redis =
        RedisStore.builder(server.uri())
            .lockTimeout(Duration.ofSeconds(1))
            .commandTimeout(Duration.ofMillis(500))
            .listener(
                new RedisStoreListener() {
                  @Override
                  public void onFailure(String identity, String operation, IOException error) {
                    events.add("failure " + operation);
                  }

                  @Override
                  public void onLocalRenewal(String identity) {
                    events.add("local");
                  }

                  @Override
                  public void onWrittenBack(String identity) {
                    events.add("written-back");
                  }
                })
            .connect();
  }

  @AfterEach
  void stop() {
    redis.close();
    server.close();
  }

  @Test
  void refreshTokenStore_redisDown_failsTypedAndKeepsStoredTokens() throws Exception {
    RedisTokenStore store = redis.forKey("rt");
    TokenSet saved = RedisTokenStoreTest.tokens("saved");
    store.save(saved);
    server.stop();

    assertThatThrownBy(store::load).isInstanceOf(StoreUnavailableException.class);
    AtomicBoolean ran = new AtomicBoolean();
    assertThatThrownBy(
            () ->
                store.update(
                    c -> {
                      ran.set(true);
                      return RedisTokenStoreTest.tokens("blind");
                    }))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("unreachable")
        .hasMessageContaining("unchanged");
    assertThat(ran).as("no refresh without the fleet-wide lock").isFalse();
    assertThat(events).contains("failure load", "failure lock");

    server.restart(true);
    assertThat(awaitLoad(store)).contains(saved);
  }

  @Test
  void reauthenticatingStore_redisDown_renewsLocallyThenWritesBack() throws Exception {
    RedisTokenStore store = redis.forKey("cc").renewingLocallyWhenDown();
    store.save(RedisTokenStoreTest.tokens("before"));
    server.stop();

    TokenSet renewed =
        store.update(
            current -> {
              assertThat(current).isPresent();
              assertThat(current.get().refreshToken())
                  .as("never a refresh token locally")
                  .isEmpty();
              return TokenSet.builder("renewed-locally").build();
            });
    assertThat(store.load()).contains(renewed);
    assertThat(events).contains("local");

    server.restart(false); // empty: the write-back restores it
    RedisStore other = RedisStore.builder(server.uri()).connect();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!other.forKey("cc").load().equals(Optional.of(renewed))) {
        assertThat(System.nanoTime()).as("written back in time").isLessThan(deadline);
        Thread.onSpinWait();
      }
    } finally {
      other.close();
    }
    assertThat(events).contains("written-back");
  }

  /** Loads once Redis answers again (the client reconnects on its own). */
  private static Optional<TokenSet> awaitLoad(RedisTokenStore store) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try {
        return store.load();
      } catch (StoreUnavailableException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.onSpinWait();
      }
    }
  }
}
