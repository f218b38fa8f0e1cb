package dev.lanyard.redis;

import dev.lanyard.store.FileTokenStore;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to one Redis deployment that hands out a {@link RedisTokenStore} per identity: the
 * token store for fleets, where replicas on many machines share one sign-in and make one refresh
 * per expiry between them.
 *
 * <pre>{@code
 * RedisStore redis = RedisStore.builder("rediss://app:" + password + "@redis.internal:6380/2")
 *     .keys(StoreKeys.fromEnv("LANYARD_STORE_KEY"))
 *     .connect();
 * TokenSession session = TokenSession.builder()
 *     .issuer(issuer).client(client).grant(Grant.clientCredentials())
 *     .store(redis.forIdentity(issuer.toString(), "service", "default").renewingLocallyWhenDown())
 *     .build();
 * }</pre>
 *
 * <p>URIs are Lettuce's: {@code redis://[[user:]password@]host[:port][/database]}, {@code
 * rediss://} for TLS, {@code
 * redis-sentinel://[password@]host[:port][,host2[:port2]][/database]#masterId} for Sentinel. One
 * store holds three connections (commands, a pub/sub subscription that wakes waiters, and a writer
 * for {@code WAIT}) and a daemon thread that renews leases; {@link #close()} ends them.
 */
public final class RedisStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisStore.class);
  private static final AtomicBoolean WARNED_CLEAR = new AtomicBoolean();
  private static final Pattern URI_PARTS =
      Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)(?:([^@/]*)@)?([^?]*)(?:\\?.*)?$");

  final Config config;
  final String description;
  private final ClientResources resources;
  private final RedisClient client;
  final StatefulRedisConnection<String, String> commands;
  final StatefulRedisConnection<String, String> writer;
  private final StatefulRedisPubSubConnection<String, String> subscriptions;
  final ScheduledExecutorService scheduler;

  /** Held around a write and its {@code WAIT} on {@link #writer}: WAIT counts that connection. */
  final Object writerLock = new Object();

  private final ConcurrentMap<String, Identity> identities = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Identity> byChannel = new ConcurrentHashMap<>();

  private RedisStore(Config config) throws IOException {
    this.config = config;
    this.description = redactedUri(config.uri) + " (prefix " + config.keyPrefix + ")";
    RedisURI uri = RedisURI.create(config.uri);
    uri.setTimeout(config.commandTimeout);
    this.resources =
        ClientResources.builder()
            .ioThreadPoolSize(2)
            .computationThreadPoolSize(1)
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(20), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
            .build();
    this.client = RedisClient.create(resources, uri);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            // Fail at once while disconnected: the section waits with its own deadline.
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.builder().timeoutSource(new Timeouts(config)).build())
            .build());
    StatefulRedisConnection<String, String> c = null;
    StatefulRedisConnection<String, String> w = null;
    try {
      c = client.connect();
      w = config.replicas > 0 ? client.connect() : c;
      this.subscriptions = client.connectPubSub();
      subscriptions.addListener(
          new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
              Identity identity = byChannel.get(channel);
              if (identity != null) {
                identity.signalRelease();
              }
            }
          });
    } catch (RedisException e) {
      if (c != null) {
        c.close();
      }
      client.shutdown();
      shutDown(resources);
      throw new StoreUnavailableException(
          "cannot connect to Redis at " + description + ": " + RedisTokenStore.reason(e), e);
    }
    this.commands = c;
    this.writer = w;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "lanyard-redis-lease");
              t.setDaemon(true);
              return t;
            });
    if (config.keys == null && WARNED_CLEAR.compareAndSet(false, true)) {
      LOG.warn(
          "Tokens are stored in Redis in clear at {}; configure an encryption key"
              + " (StoreKeys, or LANYARD_STORE_KEY for the command line)",
          description);
    }
  }

  /** A builder for a store at {@code uri} (see the class comment for its forms). */
  public static Builder builder(String uri) {
    return new Builder(uri);
  }

  /**
   * The store for one identity: issuer, client id and profile, hashed (as the file store names its
   * files) into a key {@code <prefix>{<hash>}:tokens}, so two identities never share tokens and
   * every key of one identity lands in one Redis Cluster slot.
   */
  public RedisTokenStore forIdentity(String issuer, String clientId, String profile) {
    String file = FileTokenStore.fileName(issuer, clientId, profile);
    return forKey(file.substring(0, file.length() - ".json".length()));
  }

  /**
   * The store under a name of your own, e.g. a user id for per-user web sessions: letters, digits,
   * {@code . _ -} and {@code :} only (no hash-tag braces).
   */
  public RedisTokenStore forKey(String id) {
    Objects.requireNonNull(id, "id");
    if (!id.matches("[A-Za-z0-9._:-]{1,200}")) {
      throw new IllegalArgumentException(
          "a store key may hold letters, digits, '.', '_', '-' and ':' only (1 to 200)");
    }
    Identity identity =
        identities.computeIfAbsent(
            id,
            k -> {
              Identity created = new Identity(config.keyPrefix, k);
              byChannel.put(created.channel, created);
              return created;
            });
    return new RedisTokenStore(this, identity, false);
  }

  /**
   * Started sign-ins of a web app in Redis (a {@link dev.lanyard.login.PendingLoginStore} for
   * {@code WebLogin.builder().pendingLoginStore(…)}), each good for {@code lifetime}: a login
   * started on one instance completes on another. Needs Redis 6.2 or newer ({@code GETDEL}).
   */
  public RedisPendingLoginStore pendingLogins(Duration lifetime) {
    Objects.requireNonNull(lifetime, "lifetime");
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("lifetime must be positive, was " + lifetime);
    }
    return new RedisPendingLoginStore(this, lifetime);
  }

  /**
   * Per-user web sessions in Redis (attributes and a token store per session id), each forgotten
   * after {@code idle} without a read.
   */
  public RedisSessionStore webSessions(Duration idle) {
    Objects.requireNonNull(idle, "idle");
    if (idle.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("idle must be at least 1 s, was " + idle);
    }
    return new RedisSessionStore(this, idle);
  }

  /** Where the tokens are, without any password: {@code redis://host:6379/0 (prefix lanyard:)}. */
  public String describe() {
    return description;
  }

  /** Closes the connections and the lease thread; the stores it handed out stop working. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    subscriptions.close();
    if (writer != commands) {
      writer.close();
    }
    commands.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    shutDown(resources);
  }

  private static void shutDown(ClientResources resources) {
    try {
      resources.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.debug("Redis client threads did not stop in time", e);
    }
  }

  @Override
  public String toString() {
    return "RedisStore[" + description + "]";
  }

  /**
   * {@code uri} without its password, for messages: the user name stays when there is one, query
   * parameters go.
   */
  public static String redactedUri(String uri) {
    Matcher m = URI_PARTS.matcher(uri);
    if (!m.matches()) {
      return "(an unparseable Redis URI)";
    }
    String userInfo = m.group(2);
    String user = "";
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      if (colon > 0) {
        user = userInfo.substring(0, colon) + "@";
      }
    }
    return m.group(1) + user + m.group(3);
  }

  /**
   * Subscribes to the identity's release channel once; on failure the waiter polls, and the next
   * section tries again. One plain channel per identity (not a pattern), so an ACL user needs only
   * {@code &<prefix>*}.
   */
  void ensureSubscribed(Identity identity) {
    if (identity.subscribed) {
      return;
    }
    try {
      subscriptions.sync().subscribe(identity.channel);
      identity.subscribed = true;
    } catch (RedisException e) {
      LOG.debug("cannot subscribe to {} yet: {}", identity.channel, e.toString());
    }
  }

  /**
   * The command timeout, but for {@code WAIT} its own timeout plus the command timeout: the client
   * must not give up on a {@code WAIT} before Redis answers it.
   */
  private static final class Timeouts extends TimeoutOptions.TimeoutSource {
    private final long command;
    private final long await;

    Timeouts(Config config) {
      this.command = config.commandTimeout.toMillis();
      this.await = command + config.replicaTimeout.toMillis();
    }

    @Override
    public long getTimeout(RedisCommand<?, ?, ?> c) {
      return c.getType() == CommandType.WAIT ? await : command;
    }

    @Override
    public TimeUnit getTimeUnit() {
      return TimeUnit.MILLISECONDS;
    }
  }

  /** Settings, fixed when the store connects. */
  static final class Config {
    final String uri;
    final String keyPrefix;
    final Duration lease;
    final Duration lockTimeout;
    final Duration commandTimeout;
    final Duration pollInterval;
    final Duration idleTtl;
    final @Nullable StoreKeys keys;
    final int replicas;
    final Duration replicaTimeout;
    final RedisStoreListener listener;

    Config(Builder b) {
      this.uri = b.uri;
      this.keyPrefix = b.keyPrefix;
      this.lease = b.lease;
      this.lockTimeout = b.lockTimeout;
      this.commandTimeout = b.commandTimeout;
      this.pollInterval = b.pollInterval;
      this.idleTtl = b.idleTtl;
      this.keys = b.keys;
      this.replicas = b.replicas;
      this.replicaTimeout = b.replicaTimeout;
      this.listener = b.listener;
    }
  }

  /** Settings for {@link RedisStore}; every one has a default. */
  public static final class Builder {
    private final String uri;
    private String keyPrefix = "lanyard:";
    private Duration lease = Duration.ofSeconds(15);
    private Duration lockTimeout = Duration.ofSeconds(30);
    private Duration commandTimeout = Duration.ofSeconds(2);
    private Duration pollInterval = Duration.ofMillis(250);
    private Duration idleTtl = Duration.ofDays(30);
    private @Nullable StoreKeys keys;
    private int replicas;
    private Duration replicaTimeout = Duration.ofSeconds(1);
    private RedisStoreListener listener = RedisStoreListener.NONE;

    private Builder(String uri) {
      Objects.requireNonNull(uri, "uri");
      if (!uri.matches("(?i)(redis|rediss|redis-sentinel|rediss-sentinel|redis-socket)://.+")) {
        throw new IllegalArgumentException(
            "a Redis URI starts with redis://, rediss:// or redis-sentinel://, was "
                + redactedUri(uri));
      }
      this.uri = uri;
    }

    /** Put before every key (default {@code lanyard:}), e.g. to share a database. */
    public Builder keyPrefix(String keyPrefix) {
      Objects.requireNonNull(keyPrefix, "keyPrefix");
      if (keyPrefix.contains("{") || keyPrefix.contains("}")) {
        throw new IllegalArgumentException("keyPrefix must not contain hash-tag braces");
      }
      this.keyPrefix = keyPrefix;
      return this;
    }

    /**
     * How long the fleet-wide lock lasts without renewal (default 15 s): it is renewed every third
     * of this while a refresh runs, so this is the longest a crashed holder delays the others.
     */
    public Builder lease(Duration lease) {
      this.lease = atLeast(lease, Duration.ofMillis(300), "lease");
      return this;
    }

    /**
     * The deadline for entering the exclusive section (default 30 s): past it a contended lock is a
     * {@link dev.lanyard.LoginTimeoutException}, an unreachable Redis a {@link
     * StoreUnavailableException}. Keep it below the session's wait timeout.
     */
    public Builder lockTimeout(Duration lockTimeout) {
      this.lockTimeout = atLeast(lockTimeout, Duration.ZERO, "lockTimeout");
      return this;
    }

    /** How long one Redis command may take (default 2 s). */
    public Builder commandTimeout(Duration commandTimeout) {
      this.commandTimeout = atLeast(commandTimeout, Duration.ofMillis(10), "commandTimeout");
      return this;
    }

    /**
     * A waiter looks at the lock at least this often (default 250 ms), in case a release message
     * was lost; released locks wake waiters at once through pub/sub.
     */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = atLeast(pollInterval, Duration.ofMillis(1), "pollInterval");
      return this;
    }

    /**
     * How long a record lives when nothing in it expires (default 30 days); otherwise it lives as
     * long as its refresh token (or its access token when there is no refresh token), plus 5
     * minutes.
     */
    public Builder idleTtl(Duration idleTtl) {
      this.idleTtl = atLeast(idleTtl, Duration.ofMinutes(1), "idleTtl");
      return this;
    }

    /**
     * Encrypts records with AES-256-GCM; without keys they are stored in clear (with a warning).
     */
    public Builder keys(StoreKeys keys) {
      this.keys = Objects.requireNonNull(keys, "keys");
      return this;
    }

    /**
     * After each write, wait with {@code WAIT} until {@code replicas} replicas acknowledged it, at
     * most {@code timeout} (default: 0 replicas, no wait). Fewer is reported to the listener and
     * fails the write with a {@link ReplicationTimeoutException}; the record stays on the primary,
     * readable. With Sentinel, this keeps a rotated refresh token through a failover.
     */
    public Builder replicas(int replicas, Duration timeout) {
      if (replicas < 0) {
        throw new IllegalArgumentException("replicas must not be negative, was " + replicas);
      }
      this.replicas = replicas;
      this.replicaTimeout = atLeast(timeout, Duration.ofMillis(1), "timeout");
      return this;
    }

    /** Told about failures and outages; see {@link RedisStoreListener}. */
    public Builder listener(RedisStoreListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Connects.
     *
     * @throws StoreUnavailableException when Redis cannot be reached or refuses the credentials
     */
    public RedisStore connect() throws IOException {
      return new RedisStore(new Config(this));
    }

    private static Duration atLeast(Duration d, Duration min, String name) {
      Objects.requireNonNull(d, name);
      if (d.compareTo(min) < 0) {
        throw new IllegalArgumentException(name + " must be at least " + min + ", was " + d);
      }
      return d;
    }
  }
}
