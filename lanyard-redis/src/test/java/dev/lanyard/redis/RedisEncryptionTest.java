package dev.lanyard.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** AES-256-GCM at rest, against a real redis-server. */
class RedisEncryptionTest {
  private static final String OLD_KEY_TEXT = StoreKeys.generate();
  private static final StoreKeys OLD = StoreKeys.parse(OLD_KEY_TEXT);
  private static final String NEW_KEY = StoreKeys.generate();

  private static final Instant ISSUED = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static RedisClient raw;
  private static RedisCommands<String, String> cmd;
  private final List<RedisStore> opened = new ArrayList<>();
  private final String id = UUID.randomUUID().toString();

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

  private RedisTokenStore store(StoreKeys keys) throws IOException {
    RedisStore.Builder b = RedisStore.builder(RedisServer.shared().uri()).keyPrefix("enc:");
    if (keys != null) {
      b.keys(keys);
    }
    RedisStore s = b.connect();
    opened.add(s);
    return s.forKey(id);
  }

  private static TokenSet tokens() {
    return TokenSet.builder("access-AAAA1111")
        .refreshToken("refresh-BBBB2222")
        .idToken("id-CCCC3333")
        .scope(Scope.of("openid"))
        .issuedAt(ISSUED)
        .expiresAt(ISSUED.plusSeconds(300))
        .build();
  }

  @Test
  void save_withKey_rawValueHoldsNoTokenAndNamesKeyId() throws IOException {
    RedisTokenStore store = store(OLD);
    store.save(tokens());
    String rawValue = String.join(" ", cmd.hgetall(store.key()).values());
    assertThat(rawValue)
        .doesNotContain("AAAA1111")
        .doesNotContain("BBBB2222")
        .doesNotContain("CCCC3333")
        .contains(OLD.currentId());
    assertThat(store.load()).contains(tokens());
  }

  @Test
  void load_wrongKey_errorNamesKeyIdAndValueUntouched() throws IOException {
    store(OLD).save(tokens());
    RedisTokenStore wrong = store(StoreKeys.parse(NEW_KEY));
    Map<String, String> before = cmd.hgetall(wrong.key());
    assertThatThrownBy(wrong::load)
        .isInstanceOf(StoreKeyException.class)
        .hasMessageContaining(OLD.currentId())
        .satisfies(e -> assertThat(((StoreKeyException) e).keyId()).isEqualTo(OLD.currentId()));
    assertThatThrownBy(() -> wrong.update(c -> tokens())).isInstanceOf(StoreKeyException.class);
    assertThat(cmd.hgetall(wrong.key())).isEqualTo(before);
  }

  @Test
  void load_encryptedButNoKey_errorNamesKeyId() throws IOException {
    store(OLD).save(tokens());
    assertThatThrownBy(() -> store(null).load())
        .isInstanceOf(StoreKeyException.class)
        .hasMessageContaining(OLD.currentId())
        .hasMessageContaining("no store key");
  }

  @Test
  void rotation_oldKeyReadsNewKeyWrites() throws IOException {
    store(OLD).save(tokens());
    assertThat(OLD.toString()).doesNotContain(OLD_KEY_TEXT);
    StoreKeys rotated = StoreKeys.parse(NEW_KEY + "," + OLD_KEY_TEXT);
    RedisTokenStore store = store(rotated);
    assertThat(store.load()).contains(tokens());
    store.update(c -> c.orElseThrow().newBuilder().build()); // a rewrite, as a refresh does
    assertThat(cmd.hget(store.key(), "record")).contains(rotated.currentId());
    assertThat(rotated.currentId()).isNotEqualTo(OLD.currentId());
    assertThatThrownBy(() -> store(StoreKeys.parse(OLD_KEY_TEXT)).load())
        .isInstanceOf(StoreKeyException.class)
        .hasMessageContaining(rotated.currentId());
  }

  @Test
  void load_clearRecordWhileEncryptionConfigured_ignored() throws IOException {
    store(null).save(tokens());
    assertThat(store(OLD).load()).isEmpty();
  }

  @Test
  void load_recordCopiedToAnotherIdentity_doesNotOpen() throws IOException {
    RedisTokenStore a = store(OLD);
    a.save(tokens());
    String other = "enc:{" + UUID.randomUUID() + "}:tokens";
    cmd.hset(other, cmd.hgetall(a.key()));
    RedisStore s =
        RedisStore.builder(RedisServer.shared().uri()).keyPrefix("enc:").keys(OLD).connect();
    opened.add(s);
    String otherId = other.substring(other.indexOf('{') + 1, other.indexOf('}'));
    assertThatThrownBy(() -> s.forKey(otherId).load())
        .isInstanceOf(StoreKeyException.class)
        .hasMessageContaining("altered or moved");
  }
}
