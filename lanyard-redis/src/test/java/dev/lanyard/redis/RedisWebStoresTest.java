package dev.lanyard.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.login.PendingLogin;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Started sign-ins and per-user web sessions in Redis, shared by two instances (connections). */
class RedisWebStoresTest {
  private static final StoreKeys KEYS = StoreKeys.parse(StoreKeys.generate());

  private static RedisStore connect() throws Exception {
    return RedisStore.builder(RedisServer.shared().uri()).keyPrefix("web:").keys(KEYS).connect();
  }

  @Test
  void pendingLogin_putOnOneInstance_takenOnceOnAnotherEncryptedUnderAHashedKey() throws Exception {
    try (RedisStore a = connect();
        RedisStore b = connect()) {
      Instant expires =
          Instant.now().plusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
      PendingLogin started =
          PendingLogin.of(
                  "state-abc",
                  "verifier-xyz",
                  "nonce-123",
                  URI.create("http://127.0.0.1:1/cb"),
                  expires)
              .withExpectedEmail("alice@example.org");
      a.pendingLogins(Duration.ofMinutes(10)).put(started);

      String keys = RedisServer.shared().command("KEYS", "web:*");
      assertThat(keys).contains(":pending").doesNotContain("state-abc");
      String raw = RedisServer.shared().command("GET", keys.split(" ")[0]);
      assertThat(raw).doesNotContain("verifier-xyz").doesNotContain("nonce-123");

      // Two callbacks at once on two instances: one gets it.
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<Optional<PendingLogin>>> takes = new ArrayList<>();
        for (RedisStore instance : List.of(a, b)) {
          Callable<Optional<PendingLogin>> take =
              () -> instance.pendingLogins(Duration.ofMinutes(10)).take("state-abc");
          takes.add(pool.submit(take));
        }
        List<PendingLogin> got = new ArrayList<>();
        for (Future<Optional<PendingLogin>> f : takes) {
          f.get().ifPresent(got::add);
        }
        assertThat(got).hasSize(1);
        PendingLogin taken = got.get(0);
        assertThat(taken.codeVerifier()).isEqualTo("verifier-xyz");
        assertThat(taken.nonce()).isEqualTo("nonce-123");
        assertThat(taken.redirectUri()).isEqualTo(started.redirectUri());
        assertThat(taken.expiresAt()).isEqualTo(expires);
        assertThat(taken.expectedEmail()).contains("alice@example.org");
      } finally {
        pool.shutdownNow();
      }
      assertThat(b.pendingLogins(Duration.ofMinutes(10)).take("unknown")).isEmpty();
    }
  }

  @Test
  void webSession_storedOnOneInstance_readOnAnotherAndRemovedWithItsTokens() throws Exception {
    try (RedisStore a = connect();
        RedisStore b = connect()) {
      RedisSessionStore sa = a.webSessions(Duration.ofHours(1));
      RedisSessionStore sb = b.webSessions(Duration.ofHours(1));
      sa.put("cookie-alice", Map.of("name", "Alice"));
      sa.tokens("cookie-alice").save(RedisTokenStoreTest.tokens("alice-token"));
      sa.put("cookie-bob", Map.of("name", "Bob"));

      assertThat(sb.get("cookie-alice")).contains(Map.of("name", "Alice"));
      assertThat(sb.get("cookie-bob")).contains(Map.of("name", "Bob"));
      assertThat(sb.tokens("cookie-alice").load().orElseThrow().accessToken())
          .isEqualTo("alice-token");
      assertThat(sb.tokens("cookie-bob").load()).isEmpty();
      assertThat(RedisServer.shared().command("KEYS", "web:*")).doesNotContain("cookie-");

      sb.remove("cookie-alice");
      assertThat(sa.get("cookie-alice")).isEmpty();
      assertThat(sa.tokens("cookie-alice").load()).isEmpty();
      assertThat(sa.get("cookie-bob")).isPresent();
    }
  }
}
