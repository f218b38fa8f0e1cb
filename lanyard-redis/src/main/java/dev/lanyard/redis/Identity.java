package dev.lanyard.redis;

import dev.lanyard.TokenSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One identity's keys and what this process knows about them: the in-process lock in front of the
 * Redis lock, the section running now, the last tokens seen, tokens renewed during an outage that
 * wait to be written back, and the wake-ups that releases published on Redis bring.
 */
final class Identity {
  final String id;
  final String dataKey;
  final String lockKey;
  final String fenceKey;
  final String channel;

  /** In front of the Redis lock: one section per identity per process; reentrant on a thread. */
  final ReentrantLock local = new ReentrantLock();

  /** The section the thread holding {@link #local} runs; null outside sections. */
  @Nullable Section section;

  /** The tokens last read from or written to Redis (or renewed locally). */
  volatile @Nullable TokenSet lastKnown;

  /** Tokens renewed locally while Redis was unreachable, not yet written back. */
  volatile @Nullable TokenSet pending;

  /** Subscribed to {@link #channel}. */
  volatile boolean subscribed;

  /**
   * The {@code owner:} of a lock this process took, or may have taken, but could not release (Redis
   * went away, or the acquire's answer was lost): released when Redis answers again, so a restarted
   * Redis (or a promoted replica) does not keep it for the rest of its lease.
   */
  volatile @Nullable String unreleased;

  /** True while a write-back of {@link #pending} is scheduled. */
  final AtomicBoolean writeBackScheduled = new AtomicBoolean();

  private final ReentrantLock releaseLock = new ReentrantLock();
  private final Condition released = releaseLock.newCondition();
  private long releases; // guarded by releaseLock

  Identity(String prefix, String id) {
    this.id = id;
    String tag = prefix + "{" + id + "}";
    this.dataKey = tag + ":tokens";
    this.lockKey = tag + ":lock";
    this.fenceKey = tag + ":fence";
    this.channel = tag + ":released";
  }

  /** How many releases were seen so far; pass it to {@link #awaitRelease}. */
  long releases() {
    releaseLock.lock();
    try {
      return releases;
    } finally {
      releaseLock.unlock();
    }
  }

  /** A holder released the lock (a message on {@link #channel}). */
  void signalRelease() {
    releaseLock.lock();
    try {
      releases++;
      released.signalAll();
    } finally {
      releaseLock.unlock();
    }
  }

  /** Waits until a release after {@code seen}, or at most {@code millis}. */
  void awaitRelease(long seen, long millis) throws InterruptedException {
    long nanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, millis));
    releaseLock.lock();
    try {
      while (releases == seen && nanos > 0) {
        nanos = released.awaitNanos(nanos);
      }
    } finally {
      releaseLock.unlock();
    }
  }

  /** A section being run: on Redis under a lease, or locally during an outage (lease null). */
  static final class Section {
    final @Nullable Lease lease;

    Section(@Nullable Lease lease) {
      this.lease = lease;
    }
  }

  /** A held Redis lock: its value ({@code owner:fence}) and fencing number. */
  static final class Lease {
    final String value;
    final long fence;
    volatile boolean lost;

    /** {@code owner:}, the start of {@link #value} that the release script compares. */
    String owner() {
      return value.substring(0, value.lastIndexOf(':') + 1);
    }

    Lease(String value, long fence) {
      this.value = value;
      this.fence = fence;
    }
  }

  @Override
  public String toString() {
    return dataKey;
  }
}
