package dev.lanyard.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.session.TokenSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sentinel failover under sessions that share one identity with refresh-token rotation: one master,
 * one replica, one {@code redis-sentinel}, all real, on loopback; the token endpoint rotates and
 * refuses a reused refresh token.
 */
class RedisSentinelFailoverTest {
  private static final String MASTER = "lanyard";
  private static final int SESSIONS = 4;

  @TempDir Path dir;

  @Test
  void failover_masterKilledDuringRun_sessionsContinueNoRotatedRefreshTokenLost() throws Exception {
    try (RotatingTokenEndpoint provider = new RotatingTokenEndpoint(2);
        RedisServer master = RedisServer.start(Files.createDirectory(dir.resolve("a")));
        RedisServer replica =
            RedisServer.startReplica(Files.createDirectory(dir.resolve("b")), master);
        RedisServer sentinel =
            RedisServer.startSentinel(Files.createDirectory(dir.resolve("s")), master, MASTER)) {
      await(
          "the sentinel knows the replica",
          20,
          () -> sentinel.command("INFO", "sentinel").contains("slaves=1"));

      List<RedisStore> stores = new ArrayList<>();
      List<TokenSession> sessions = new ArrayList<>();
      for (int i = 0; i < SESSIONS; i++) {
        RedisStore redis =
            RedisStore.builder(sentinel.sentinelUri(MASTER))
                .replicas(1, Duration.ofSeconds(2))
                // A lock whose release the dead master never saw lasts on the new one: 3 s at most.
                .lease(Duration.ofSeconds(3))
                .lockTimeout(Duration.ofSeconds(20))
                .commandTimeout(Duration.ofSeconds(1))
                .connect();
        stores.add(redis);
        sessions.add(
            TokenSession.builder()
                .tokenEndpoint(provider.uri())
                .client(ClientAuthentication.none("app"))
                .store(redis.forKey("failover"))
                .skew(Duration.ofMillis(500))
                .refreshAhead(Duration.ZERO)
                .build());
      }
      RedisTokenStore seed = stores.get(0).forKey("failover");
      seed.save(
          TokenSet.builder("signed-in")
              .refreshToken(provider.signIn())
              .issuedAt(Instant.now())
              .expiresAt(Instant.now().plusSeconds(1))
              .build());

      AtomicBoolean running = new AtomicBoolean(true);
      AtomicLong calls = new AtomicLong();
      List<String> failures = new CopyOnWriteArrayList<>(); // "<nanoTime> <exception>"
      List<Thread> threads = new ArrayList<>();
      RedisServer replacement = null;
      for (TokenSession session : sessions) {
        Thread t =
            new Thread(
                () -> {
                  while (running.get()) {
                    try {
                      session.token();
                      calls.incrementAndGet();
                    } catch (Exception e) {
                      failures.add(System.nanoTime() + " " + e);
                    }
                    try {
                      Thread.sleep(20); // a caller's pace, not a wait for a condition
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
        t.start();
        threads.add(t);
      }
      try {
        await("two refreshes before the failover", 20, () -> provider.refreshes() >= 2);
        // Kill the master once the newest refresh token is on the replica (WAIT saw to that).
        await(
            "the newest refresh token replicated",
            20,
            () ->
                replica
                    .command("HGET", seed.key(), "record")
                    .contains("\"" + provider.currentRefreshToken() + "\""));
        master.kill();
        await(
            "the sentinel promoted the replica",
            30,
            () ->
                sentinel
                    .command("SENTINEL", "get-master-addr-by-name", MASTER)
                    .endsWith(" " + replica.port()));
        // A replacement replica joins the new master (the dead one stays down: had it come back
        // on its old address, a client still reconnecting there could write to it).
        replacement = RedisServer.startReplica(Files.createDirectory(dir.resolve("c")), replica);
        long healed = System.nanoTime();

        int before = provider.refreshes();
        await("three refreshes after the failover", 30, () -> provider.refreshes() >= before + 3);
        running.set(false);
        for (Thread t : threads) {
          t.join(TimeUnit.SECONDS.toMillis(30));
        }

        assertThat(provider.invalidGrants()).as("a rotated-out refresh token presented").isZero();
        assertThat(
                failures.stream()
                    .filter(f -> Long.parseLong(f.substring(0, f.indexOf(' '))) > healed))
            .as("failures once a replica was back")
            .isEmpty();
        assertThat(failures)
            .as("failures while failing over are the store's typed errors")
            .allMatch(
                f ->
                    f.contains(ReplicationTimeoutException.class.getName())
                        || f.contains(StoreUnavailableException.class.getName()));
        assertThat(calls.get()).isGreaterThan(SESSIONS * 10L);
        // The chain is whole: the new master holds the one refresh token that still works.
        assertThat(replica.command("HGET", seed.key(), "record"))
            .contains("\"" + provider.currentRefreshToken() + "\"");
        for (TokenSession session : sessions) {
          assertThat(session.token().accessToken()).startsWith("at-");
        }
      } finally {
        if (replacement != null) {
          replacement.close();
        }
        running.set(false);
        for (Thread t : threads) {
          t.interrupt();
        }
        stores.forEach(RedisStore::close);
      }
    }
  }

  static void await(String what, int seconds, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what + " within " + seconds + " s").isLessThan(deadline);
      Thread.sleep(20); // polls the condition, with the deadline above
    }
  }
}
