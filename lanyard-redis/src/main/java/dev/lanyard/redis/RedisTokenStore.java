package dev.lanyard.redis;

import dev.lanyard.LoginTimeoutException;
import dev.lanyard.TokenSet;
import dev.lanyard.redis.Identity.Lease;
import dev.lanyard.redis.Identity.Section;
import dev.lanyard.store.TokenStore;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tokens of one identity in Redis, shared by every process that uses the same {@link
 * RedisStore} settings and identity, on any machine.
 *
 * <p>{@link #update} is exclusive fleet-wide: a lock per identity in this process, then a Redis
 * lock ({@code SET NX PX} with a lease, renewed every third of the lease while the section runs,
 * released by a compare-and-delete script that wakes waiters through pub/sub). Each lock carries a
 * fencing number, and a write succeeds only while its lock is still held and no newer fence wrote,
 * so a holder that stalled past its lease cannot overwrite newer tokens. A holder that dies delays
 * the others by at most the lease. Reads are one {@code HGET}; a session reads only when its own
 * token is due or was rejected, so the hot path never touches Redis.
 *
 * <p>When Redis cannot be reached, entering the section is retried until the lock timeout, then it
 * fails with {@link StoreUnavailableException}, leaving the stored tokens as they are: a refresh
 * token is never used outside the fleet-wide section, where a second user would fork its rotation.
 * A store made with {@link #renewingLocallyWhenDown()} (for grants that can sign in again, such as
 * client credentials) instead runs the section in this process at once, without the stored refresh
 * token, and writes the result back when Redis answers again.
 */
public final class RedisTokenStore implements TokenStore {
  private static final Logger LOG = LoggerFactory.getLogger(RedisTokenStore.class);

  /** Records outlive what they hold by this much, so a refresh just at the end still finds them. */
  private static final Duration TTL_GRACE = Duration.ofMinutes(5);

  private static final long WRITE_BACK_MILLIS = 1000;

  private final RedisStore redis;
  private final RedisStore.Config config;
  private final Identity identity;
  private final boolean renewLocally;

  RedisTokenStore(RedisStore redis, Identity identity, boolean renewLocally) {
    this.redis = redis;
    this.config = redis.config;
    this.identity = identity;
    this.renewLocally = renewLocally;
  }

  /**
   * This store, renewing in this process when Redis is unreachable: for grants that can sign in
   * again on their own (client credentials, password), never for tokens that only a refresh token
   * renews. The section then runs without the stored refresh token (so the session signs in again),
   * with a warning, and the tokens are written back once Redis answers.
   */
  public RedisTokenStore renewingLocallyWhenDown() {
    return new RedisTokenStore(redis, identity, true);
  }

  /** True for a store from {@link #renewingLocallyWhenDown()}. */
  public boolean renewsLocallyWhenDown() {
    return renewLocally;
  }

  /** The Redis key of the record, e.g. {@code lanyard:{3f2a…}:tokens}. */
  public String key() {
    return identity.dataKey;
  }

  @Override
  public Optional<TokenSet> load() throws IOException {
    TokenSet pending = identity.pending;
    if (pending != null) {
      return Optional.of(pending);
    }
    return readRedis("load");
  }

  @Override
  public void save(TokenSet tokens) throws IOException {
    Objects.requireNonNull(tokens, "tokens");
    inSection(
        section -> {
          write(section, tokens);
          return tokens;
        },
        renewLocally);
  }

  @Override
  public void clear() throws IOException {
    inSection(
        section -> {
          if (section.lease == null) {
            throw new StoreUnavailableException(
                "cannot clear the tokens in " + describe() + ": Redis is unreachable", null);
          }
          identity.pending = null;
          writeRedis(section.lease, null);
          return null;
        },
        false);
  }

  @SuppressWarnings("ReferenceEquality") // the same instance back means "unchanged"
  @Override
  public TokenSet update(Update update) throws IOException {
    Objects.requireNonNull(update, "update");
    TokenSet result =
        inSection(
            section -> {
              Optional<TokenSet> current = read(section);
              TokenSet next = Objects.requireNonNull(update.apply(current), "update returned null");
              if (next != current.orElse(null)) {
                write(section, next);
              }
              return next;
            },
            renewLocally);
    return Objects.requireNonNull(result);
  }

  /** The Redis deployment (without password) and the record's key. */
  @Override
  public String describe() {
    return "redis " + redis.description + " key " + identity.dataKey;
  }

  @Override
  public String toString() {
    return "RedisTokenStore[" + describe() + "]";
  }

  // ------------------------------------------------------------------ the section

  @FunctionalInterface
  private interface Body<T> {
    @Nullable T run(Section section) throws IOException;
  }

  private <T> @Nullable T inSection(Body<T> body, boolean mayRunLocally) throws IOException {
    Identity id = identity;
    if (id.local.isHeldByCurrentThread()) {
      return body.run(Objects.requireNonNull(id.section, "section")); // nested in this thread
    }
    long deadline = System.nanoTime() + config.lockTimeout.toNanos();
    try {
      if (!id.local.tryLock(config.lockTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw timedOut("another thread of this process holds it");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + id.lockKey);
    }
    try {
      Lease lease = acquire(deadline, mayRunLocally);
      if (lease == null) {
        id.section = new Section(null);
        try {
          return body.run(id.section);
        } finally {
          id.section = null;
        }
      }
      long every = Math.max(1, config.lease.toMillis() / 3);
      ScheduledFuture<?> renewal =
          redis.scheduler.scheduleAtFixedRate(
              () -> renew(lease), every, every, TimeUnit.MILLISECONDS);
      id.section = new Section(lease);
      try {
        writeBackPending(lease);
        return body.run(id.section);
      } finally {
        id.section = null;
        renewal.cancel(false);
        release(lease);
      }
    } finally {
      id.local.unlock();
    }
  }

  /**
   * Takes the Redis lock before {@code deadline}, waking on release messages and looking at least
   * every poll interval; null when Redis is unreachable and the section may run locally.
   */
  private @Nullable Lease acquire(long deadline, boolean mayRunLocally) throws IOException {
    StoreUnavailableException down = null;
    String owner = UUID.randomUUID().toString();
    long leaseLeft = config.pollInterval.toMillis();
    redis.ensureSubscribed(identity);
    while (true) {
      long seen = identity.releases();
      try {
        releaseUnreleased();
        Long fence =
            redis
                .commands
                .sync()
                .eval(
                    Scripts.ACQUIRE,
                    ScriptOutputType.INTEGER,
                    new String[] {identity.lockKey, identity.fenceKey},
                    owner,
                    Long.toString(config.lease.toMillis()),
                    Long.toString(config.idleTtl.toMillis()));
        if (fence != null && fence > 0) {
          return new Lease(owner + ":" + fence, fence);
        }
        down = null;
        // Held: wait for its release message, or at most until its lease ends.
        leaseLeft = fence == null ? config.pollInterval.toMillis() : -fence;
      } catch (RedisException e) {
        // The script may have run and only its answer was lost: release it when Redis answers.
        identity.unreleased = owner + ":";
        down = unavailable("lock", e);
        if (mayRunLocally) {
          return null;
        }
        leaseLeft = config.pollInterval.toMillis();
      }
      long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (remaining <= 0) {
        if (down != null) {
          throw new StoreUnavailableException(
              "Redis at "
                  + redis.description
                  + " was unreachable for "
                  + config.lockTimeout.toMillis()
                  + " ms; the stored tokens are unchanged ("
                  + down.getMessage()
                  + ")",
              down);
        }
        throw timedOut("another process holds it");
      }
      try {
        identity.awaitRelease(
            seen, Math.min(remaining, Math.min(leaseLeft, config.pollInterval.toMillis())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for " + identity.lockKey);
      }
    }
  }

  private void renew(Lease lease) {
    try {
      Long renewed =
          redis
              .commands
              .sync()
              .eval(
                  Scripts.RENEW,
                  ScriptOutputType.INTEGER,
                  new String[] {identity.lockKey},
                  lease.value,
                  Long.toString(config.lease.toMillis()));
      if (renewed == null || renewed == 0) {
        lease.lost = true;
      }
    } catch (RedisException e) {
      unavailable("renew-lease", e);
    }
  }

  private void release(Lease lease) {
    try {
      releaseCommand(lease.owner());
    } catch (RedisException e) {
      // The lease runs out on its own; the next section (or write-back) releases it sooner.
      identity.unreleased = lease.owner();
      unavailable("release", e);
    }
  }

  private void releaseUnreleased() {
    String value = identity.unreleased;
    if (value != null) {
      releaseCommand(value); // compare-and-delete: a no-op once someone else holds the lock
      identity.unreleased = null;
    }
  }

  /** Deletes the lock if its value starts with {@code owner} ({@code uuid:}); wakes waiters. */
  private void releaseCommand(String owner) {
    redis
        .commands
        .sync()
        .eval(
            Scripts.RELEASE,
            ScriptOutputType.INTEGER,
            new String[] {identity.lockKey},
            owner,
            identity.channel);
  }

  // ------------------------------------------------------------------ reads and writes

  private Optional<TokenSet> read(Section section) throws IOException {
    if (section.lease != null) {
      try {
        return readRedis("load");
      } catch (StoreUnavailableException e) {
        if (!renewLocally) {
          throw e;
        }
        // Redis went away inside the section: go on as if it had been away at the start.
      }
    }
    // Locally, without Redis: the last tokens known, minus a refresh token others may rotate.
    TokenSet pending = identity.pending;
    TokenSet base = pending != null ? pending : identity.lastKnown;
    if (base == null) {
      return Optional.empty();
    }
    return Optional.of(
        base.refreshToken().isPresent() ? base.newBuilder().noRefreshToken().build() : base);
  }

  private Optional<TokenSet> readRedis(String operation) throws IOException {
    String record;
    try {
      record = redis.commands.sync().hget(identity.dataKey, "record");
    } catch (RedisException e) {
      throw unavailable(operation, e);
    }
    Optional<TokenSet> tokens = RecordCodec.decode(record, config.keys, identity.dataKey);
    tokens.ifPresent(t -> identity.lastKnown = t);
    return tokens;
  }

  private void write(Section section, TokenSet tokens) throws IOException {
    if (section.lease != null) {
      try {
        writeRedis(section.lease, tokens);
        return;
      } catch (StoreUnavailableException e) {
        if (!renewLocally) {
          throw e;
        }
        // Keep the tokens in this process and write them back, as after a local renewal.
      }
    }
    identity.pending = tokens;
    identity.lastKnown = tokens;
    LOG.warn(
        "Redis at {} is unreachable: renewed the tokens of {} in this process; they are written"
            + " back when Redis answers",
        redis.description,
        identity.dataKey);
    notify(l -> l.onLocalRenewal(identity.id));
    scheduleWriteBack();
  }

  /** Writes ({@code tokens} non-null) or deletes the record, if the lease still holds. */
  private void writeRedis(Lease lease, @Nullable TokenSet tokens) throws IOException {
    if (lease.lost) {
      throw leaseLost();
    }
    String[] keys = {identity.lockKey, identity.dataKey};
    String fence = Long.toString(lease.fence);
    StatefulRedisConnection<String, String> connection = redis.writer;
    Long result;
    try {
      if (config.replicas == 0) {
        result = writeCommand(connection, keys, lease, fence, tokens);
      } else {
        synchronized (redis.writerLock) {
          result = writeCommand(connection, keys, lease, fence, tokens);
          if (result != null && result == 1) {
            identity.lastKnown = tokens;
            awaitReplicas(connection);
          }
        }
      }
    } catch (RedisException e) {
      throw unavailable("write", e);
    }
    if (result == null || result != 1) {
      throw leaseLost();
    }
    identity.lastKnown = tokens;
  }

  private @Nullable Long writeCommand(
      StatefulRedisConnection<String, String> connection,
      String[] keys,
      Lease lease,
      String fence,
      @Nullable TokenSet tokens) {
    if (tokens == null) {
      return connection
          .sync()
          .eval(Scripts.CLEAR, ScriptOutputType.INTEGER, keys, lease.value, fence);
    }
    String record = RecordCodec.encode(tokens, config.keys, identity.dataKey);
    return connection
        .sync()
        .eval(
            Scripts.WRITE,
            ScriptOutputType.INTEGER,
            keys,
            lease.value,
            fence,
            record,
            Long.toString(ttlMillis(tokens)));
  }

  /**
   * {@code WAIT} for the configured replicas; too few is a {@link ReplicationTimeoutException} (the
   * record stays written on the primary), so no caller gets tokens a failover could lose.
   */
  private void awaitReplicas(StatefulRedisConnection<String, String> connection)
      throws ReplicationTimeoutException {
    Long acknowledged =
        connection.sync().waitForReplication(config.replicas, config.replicaTimeout.toMillis());
    long acked = acknowledged == null ? 0 : acknowledged;
    if (acked < config.replicas) {
      notify(l -> l.onReplicasLagging(identity.id, acked, config.replicas));
      throw new ReplicationTimeoutException(
          "the new tokens of "
              + identity.dataKey
              + " are on the Redis primary at "
              + redis.description
              + ", but only "
              + acked
              + " of "
              + config.replicas
              + " replicas acknowledged them within "
              + config.replicaTimeout.toMillis()
              + " ms (a failover now could lose them); they stay stored and are read again on"
              + " the next renewal",
          acked,
          config.replicas);
    }
  }

  /** As long as the refresh token lives (else the access token), plus a grace; at least 1 min. */
  long ttlMillis(TokenSet tokens) {
    Optional<Instant> end =
        tokens.refreshToken().isPresent() ? tokens.refreshExpiresAt() : tokens.expiresAt();
    if (end.isEmpty()) {
      return config.idleTtl.toMillis();
    }
    long millis = Duration.between(Instant.now(), end.get()).plus(TTL_GRACE).toMillis();
    return Math.max(Duration.ofMinutes(1).toMillis(), Math.min(millis, config.idleTtl.toMillis()));
  }

  // ------------------------------------------------------------------ outages

  /**
   * Inside a fresh lease: tokens renewed during an outage go to Redis unless newer ones are there.
   */
  private void writeBackPending(Lease lease) throws IOException {
    TokenSet pending = identity.pending;
    if (pending == null) {
      return;
    }
    Optional<TokenSet> stored = readRedis("write-back");
    if (stored.isEmpty() || stored.get().issuedAt().isBefore(pending.issuedAt())) {
      writeRedis(lease, pending);
      LOG.info(
          "Redis at {} answers again: wrote back the tokens of {}",
          redis.description,
          identity.dataKey);
    }
    identity.pending = null;
    notify(l -> l.onWrittenBack(identity.id));
  }

  private void scheduleWriteBack() {
    if (!identity.writeBackScheduled.compareAndSet(false, true)) {
      return;
    }
    try {
      ScheduledFuture<?> unused =
          redis.scheduler.schedule(this::tryWriteBack, WRITE_BACK_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      identity.writeBackScheduled.set(false); // the store was closed
    }
  }

  private void tryWriteBack() {
    identity.writeBackScheduled.set(false);
    if (identity.pending == null) {
      return;
    }
    try {
      inSection(section -> null, false); // entering the section writes back
    } catch (IOException | RuntimeException e) {
      LOG.debug("write-back of {} failed, retrying: {}", identity.dataKey, e.toString());
    }
    if (identity.pending != null) {
      scheduleWriteBack();
    }
  }

  private StoreUnavailableException unavailable(String operation, RedisException e) {
    StoreUnavailableException error =
        new StoreUnavailableException(
            "Redis at " + redis.description + " failed to " + operation + ": " + reason(e), e);
    notify(l -> l.onFailure(identity.id, operation, error));
    return error;
  }

  static String reason(RedisException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
  }

  private IOException leaseLost() {
    return new IOException(
        "the lock on "
            + identity.lockKey
            + " was lost before the write (held past its "
            + config.lease.toMillis()
            + " ms lease); newer tokens in Redis were kept and these are dropped");
  }

  private LoginTimeoutException timedOut(String holder) {
    return new LoginTimeoutException(
        "Timed out after "
            + config.lockTimeout.toMillis()
            + " ms waiting for the Redis lock "
            + identity.lockKey
            + " ("
            + holder
            + ")");
  }

  @FunctionalInterface
  private interface Event {
    void send(RedisStoreListener listener);
  }

  private void notify(Event event) {
    try {
      event.send(config.listener);
    } catch (RuntimeException e) {
      LOG.warn("A RedisStoreListener threw; ignored", e);
    }
  }
}
