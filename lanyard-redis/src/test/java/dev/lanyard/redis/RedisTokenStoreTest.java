package dev.lanyard.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fleet-wide section against a real redis-server, with several connections as replicas. */
class RedisTokenStoreTest {
  private static RedisClient raw;
  private static RedisCommands<String, String> cmd;
  private final List<RedisStore> opened = new ArrayList<>();

  @BeforeAll
  static void connect() {
    raw = RedisClient.create(RedisServer.shared().uri());
    cmd = raw.connect().sync();
  }

  @AfterAll
  static void close() {
    raw.shutdown();
  }

  @AfterEach
  void closeStores() {
    opened.forEach(RedisStore::close);
  }

  private RedisStore store(RedisStore.Builder b) throws IOException {
    RedisStore s = b.connect();
    opened.add(s);
    return s;
  }

  private RedisStore.Builder builder() {
    return RedisStore.builder(RedisServer.shared().uri()).keyPrefix("t:");
  }

  static TokenSet tokens(String access) {
    return TokenSet.builder(access)
        .refreshToken("refresh-" + access)
        .scope(Scope.of("openid"))
        .issuedAt(Instant.now())
        .expiresAt(Instant.now().plusSeconds(300))
        .refreshExpiresAt(Instant.now().plusSeconds(1800))
        .build();
  }

  @Test
  void update_fourConnectionsTenEach_exclusiveAndExactCount() throws Exception {
    String id = UUID.randomUUID().toString();
    List<RedisTokenStore> replicas = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      replicas.add(store(builder()).forKey(id));
    }
    AtomicBoolean inside = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (RedisTokenStore replica : replicas) {
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 10; i++) {
                    replica.update(
                        current -> {
                          assertThat(inside.getAndSet(true)).as("another replica inside").isFalse();
                          int n = current.map(c -> Integer.parseInt(c.accessToken())).orElse(0);
                          inside.set(false);
                          return TokenSet.builder(String.valueOf(n + 1)).build();
                        });
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(replicas.get(0).load().orElseThrow().accessToken()).isEqualTo("40");
  }

  /** With polling at once an hour and a long lease, only the release message can wake it. */
  @Test
  void update_holderReleases_waiterWokenByPubSub() throws Exception {
    String id = UUID.randomUUID().toString();
    RedisStore.Builder slowPolling =
        builder().pollInterval(Duration.ofHours(1)).lease(Duration.ofSeconds(90));
    RedisTokenStore holder = store(slowPolling).forKey(id);
    RedisTokenStore waiter = store(slowPolling).forKey(id);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<TokenSet> held =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return holder.update(
                    c -> {
                      inside.countDown();
                      await(release);
                      return tokens("first");
                    });
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(inside.await(20, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<TokenSet> waited = new CompletableFuture<>();
    Thread waiterThread =
        new Thread(
            () -> {
              try {
                waited.complete(waiter.update(c -> tokens(c.orElseThrow().accessToken() + "+")));
              } catch (Throwable e) {
                waited.completeExceptionally(e);
              }
            });
    waiterThread.start();
    awaitWaitingForRelease(waiterThread);
    release.countDown();
    held.get(20, TimeUnit.SECONDS);
    assertThat(waited.get(20, TimeUnit.SECONDS).accessToken()).isEqualTo("first+");
  }

  /** A holder killed with kill -9 never releases: the next one gets in when its lease ends. */
  @Test
  void update_holderDiedWithLock_nextEntersWhenLeaseEnds() throws Exception {
    RedisTokenStore store = store(builder().pollInterval(Duration.ofHours(1))).forKey("dead");
    cmd.del(store.key());
    cmd.set("t:{dead}:lock", "dead-owner:1", SetArgs.Builder.px(1500));
    CompletableFuture<TokenSet> entered =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return store.update(c -> tokens("after-crash"));
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(entered.get(20, TimeUnit.SECONDS).accessToken()).isEqualTo("after-crash");
  }

  /** A holder whose lease ran out (a long pause) cannot overwrite what the next holder wrote. */
  @Test
  void update_leaseExpiredDuringBody_writeRefusedNewerTokensKept() throws Exception {
    String id = UUID.randomUUID().toString();
    RedisTokenStore stale = store(builder()).forKey(id);
    RedisTokenStore next = store(builder()).forKey(id);
    stale.save(tokens("old"));
    assertThatThrownBy(
            () ->
                stale.update(
                    current -> {
                      cmd.del("t:{" + id + "}:lock"); // as if the lease had run out
                      next.save(tokens("newer"));
                      return tokens("stale");
                    }))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("was lost");
    assertThat(next.load().orElseThrow().accessToken()).isEqualTo("newer");
  }

  /** The lease is extended while the body runs, far beyond its length. */
  @Test
  void update_bodyOutlastsLease_leaseRenewedAndWriteSucceeds() throws Exception {
    String id = UUID.randomUUID().toString();
    RedisTokenStore store = store(builder().lease(Duration.ofMillis(300))).forKey(id);
    String lockKey = "t:{" + id + "}:lock";
    TokenSet result =
        store.update(
            current -> {
              // Three renewals seen as the remaining lease going up again.
              long last = cmd.pttl(lockKey);
              int renewals = 0;
              long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
              while (renewals < 3 && System.nanoTime() < deadline) {
                long now = cmd.pttl(lockKey);
                assertThat(now).as("lock still held").isPositive();
                if (now > last) {
                  renewals++;
                }
                last = now;
              }
              assertThat(renewals).isEqualTo(3);
              return tokens("slow");
            });
    assertThat(store.load()).contains(result);
  }

  @Test
  void keys_perIdentityWithHashTag_ttlFollowsRefreshToken() throws Exception {
    RedisStore redis = store(builder());
    RedisTokenStore a = redis.forIdentity("https://id.example/realms/lab", "cli", "default");
    RedisTokenStore b = redis.forIdentity("https://id.example/realms/lab", "cli", "other");
    assertThat(a.key()).matches("t:\\{[0-9a-f]{32}\\}:tokens").isNotEqualTo(b.key());
    a.save(tokens("a"));
    assertThat(b.load()).isEmpty();
    long ttl = cmd.pttl(a.key());
    // 1800 s refresh lifetime + 5 min grace
    assertThat(ttl)
        .isBetween(Duration.ofSeconds(2000).toMillis(), Duration.ofSeconds(2100).toMillis());
    TokenSet noRefresh =
        TokenSet.builder("cc")
            .issuedAt(Instant.now())
            .expiresAt(Instant.now().plusSeconds(60))
            .build();
    a.save(noRefresh);
    assertThat(cmd.pttl(a.key()))
        .isBetween(Duration.ofSeconds(300).toMillis(), Duration.ofSeconds(361).toMillis());
  }

  @Test
  void connect_aclUserPasswordAndDatabase_describeHidesPassword() throws Exception {
    cmd.aclSetuser(
        "lanyard-app",
        AclSetuserArgs.Builder.on()
            .addPassword("s3cret-pw")
            .keyPattern("app:*")
            .channelPattern("app:*")
            .allCommands());
    String base = RedisServer.shared().uri().replace("redis://", "");
    String uri = "redis://lanyard-app:s3cret-pw@" + base + "/3";
    RedisStore redis = store(RedisStore.builder(uri).keyPrefix("app:"));
    assertThat(redis.describe()).contains("lanyard-app@").contains("/3").doesNotContain("s3cret");
    RedisTokenStore store = redis.forKey("acl");
    store.save(tokens("in-db-3"));
    assertThat(store.toString()).doesNotContain("s3cret");
    RedisClient db3 = RedisClient.create(RedisServer.shared().uri() + "/3");
    try {
      assertThat(db3.connect().sync().exists(store.key())).isEqualTo(1);
    } finally {
      db3.shutdown();
    }
    assertThat(cmd.exists(store.key())).isZero();
    assertThatThrownBy(
            () ->
                RedisStore.builder("redis://lanyard-app:wrong@" + base).keyPrefix("app:").connect())
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageNotContaining("wrong");
  }

  @Test
  void describe_uriForms_neverPassword() {
    assertThat(RedisStore.redactedUri("redis://:pw@h:1/2")).isEqualTo("redis://h:1/2");
    assertThat(RedisStore.redactedUri("rediss://u:pw@h:1")).isEqualTo("rediss://u@h:1");
    assertThat(RedisStore.redactedUri("redis://pw@h")).isEqualTo("redis://h");
    assertThat(RedisStore.redactedUri("redis-sentinel://pw@h1:26379,h2/0?timeout=3s#main"))
        .doesNotContain("pw");
    assertThatThrownBy(() -> RedisStore.builder("http://u:pw@h"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("pw");
  }

  static void await(CountDownLatch latch) {
    try {
      if (!latch.await(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("latch timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Until {@code t} waits in {@link Identity#awaitRelease}. */
  static void awaitWaitingForRelease(Thread t) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      if (t.getState() == Thread.State.TIMED_WAITING) {
        for (StackTraceElement e : t.getStackTrace()) {
          if (e.getMethodName().equals("awaitRelease")) {
            return;
          }
        }
      }
      assertThat(System.nanoTime()).as("waiting for a release").isLessThan(deadline);
      Thread.yield();
    }
  }
}
