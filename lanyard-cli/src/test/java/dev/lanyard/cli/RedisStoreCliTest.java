package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.cli.Cli.Run;
import dev.lanyard.redis.RedisServer;
import dev.lanyard.redis.RedisStore;
import dev.lanyard.redis.RedisTokenStore;
import dev.lanyard.redis.StoreKeys;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A profile with {@code store: redis://…}: token, status and logout use Redis, not a file. */
class RedisStoreCliTest {
  private static final String KEY = StoreKeys.generate();

  @TempDir Path dir;
  private Cli cli;
  private FakeProvider provider;
  private String uri;
  private RedisStore direct;

  @BeforeEach
  void setUp() throws Exception {
    String server = RedisServer.shared().uri();
    RedisClient admin = RedisClient.create(server);
    try {
      admin
          .connect()
          .sync()
          .aclSetuser(
              "cli-user",
              AclSetuserArgs.Builder.on()
                  .addPassword("cli-pw-123")
                  .keyPattern("lanyard:*")
                  .channelPattern("lanyard:*")
                  .allCommands());
    } finally {
      admin.shutdown();
    }
    uri = server.replace("redis://", "redis://cli-user:cli-pw-123@");
    provider = new FakeProvider();
    cli = new Cli(dir).var("LANYARD_STORE_KEY", KEY);
    cli.run(
        "profile",
        "set",
        "lab",
        "issuer=" + provider.issuer(),
        "client_id=lab-cli",
        "flow=device",
        "store=" + uri);
    direct = RedisStore.builder(uri).keys(StoreKeys.parse(KEY)).connect();
  }

  @AfterEach
  void tearDown() {
    direct.close();
    provider.close();
  }

  @Test
  void tokenStatusLogout_redisProfile_useRedisAndNeverShowPassword() throws Exception {
    RedisTokenStore store = direct.forIdentity(provider.issuer(), "lab-cli", "lab");
    store.save(StoredTokens.valid("at-from-redis", 600, "rt-from-redis"));

    Run token = cli.run("token");
    assertThat(token.code()).as(token.toString()).isZero();
    assertThat(token.out().trim()).isEqualTo("at-from-redis");

    Run status = cli.run("status");
    assertThat(status.out())
        .contains("token store")
        .contains("redis://cli-user@127.0.0.1")
        .doesNotContain("cli-pw-123");
    assertThat(status.err()).doesNotContain("cli-pw-123");
    assertThat(Files.exists(cli.home.resolve("tokens"))).isFalse();

    Run logout = cli.run("logout", "--local");
    assertThat(logout.code()).as(logout.toString()).isZero();
    assertThat(store.load()).isEmpty();
  }

  @Test
  void token_storeKeyEnvUnset_clearError() {
    cli.run("profile", "set", "lab", "store_key_env=MISSING_KEY_VAR");
    Run r = cli.run("token");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("MISSING_KEY_VAR").doesNotContain("cli-pw-123");
  }
}
