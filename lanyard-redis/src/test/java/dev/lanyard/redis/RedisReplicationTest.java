package dev.lanyard.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.TokenSet;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replicas(n, timeout)}: every write waits for n replicas ({@code WAIT}) or fails. */
class RedisReplicationTest {
  @TempDir Path dir;

  @Test
  void replicas_oneReplicaRunning_writeAcknowledgedAndOnTheReplica() throws Exception {
    List<String> lagging = new CopyOnWriteArrayList<>();
    try (RedisServer master = RedisServer.start(Files.createDirectory(dir.resolve("master")));
        RedisServer replica =
            RedisServer.startReplica(Files.createDirectory(dir.resolve("replica")), master);
        RedisStore redis =
            RedisStore.builder(master.uri())
                .replicas(1, Duration.ofSeconds(5))
                .listener(laggingInto(lagging))
                .connect()) {
      RedisTokenStore store = redis.forKey("acked");
      TokenSet rotated = RedisTokenStoreTest.tokens("rotated");
      TokenSet written = store.update(current -> rotated);

      assertThat(written).isEqualTo(rotated);
      assertThat(lagging).isEmpty();
      // WAIT returned: the replica has the record now, not eventually.
      RedisClient client = RedisClient.create(replica.uri());
      try (StatefulRedisConnection<String, String> c = client.connect()) {
        assertThat(c.sync().hget(store.key(), "record"))
            .isEqualTo(redisRecord(master, store.key()))
            .isNotNull();
      } finally {
        client.shutdown();
      }
    }
  }

  @Test
  void replicas_noReplica_writeFailsAfterTimeoutAndTokensStayReadable() throws Exception {
    List<String> lagging = new CopyOnWriteArrayList<>();
    try (RedisServer master = RedisServer.start(dir);
        RedisStore redis =
            RedisStore.builder(master.uri())
                // WAIT outlasts the command timeout: the client must wait for Redis's answer.
                .commandTimeout(Duration.ofMillis(100))
                .replicas(1, Duration.ofMillis(400))
                .listener(laggingInto(lagging))
                .connect()) {
      RedisTokenStore store = redis.forKey("lonely");
      TokenSet rotated = RedisTokenStoreTest.tokens("rotated");

      assertThatThrownBy(() -> store.update(current -> rotated))
          .isInstanceOfSatisfying(
              ReplicationTimeoutException.class,
              e -> {
                assertThat(e.acknowledged()).isZero();
                assertThat(e.wanted()).isEqualTo(1);
              })
          .hasMessageContaining("only 0 of 1 replicas acknowledged them within 400 ms")
          .hasMessageContaining(store.key())
          .hasMessageNotContaining("rotated");
      assertThat(lagging).containsExactly("0/1");

      // On the primary, readable by this replica and any other: the rotated refresh token is kept.
      assertThat(store.load()).contains(rotated);
      try (RedisStore other = RedisStore.builder(master.uri()).connect()) {
        assertThat(other.forKey("lonely").load()).contains(rotated);
        // An update that only reads (the tokens are current) writes nothing, so waits for nobody.
        assertThat(store.update(current -> current.orElseThrow())).isEqualTo(rotated);
      }
    }
  }

  private static String redisRecord(RedisServer server, String key) {
    return server.command("HGET", key, "record");
  }

  private static RedisStoreListener laggingInto(List<String> events) {
    return new RedisStoreListener() {
      @Override
      public void onReplicasLagging(String identity, long acknowledged, int wanted) {
        events.add(acknowledged + "/" + wanted);
      }

      @Override
      public void onFailure(String identity, String operation, IOException error) {
        events.add("failure " + operation);
      }
    };
  }
}
