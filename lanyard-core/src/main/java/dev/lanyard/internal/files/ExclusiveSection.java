package dev.lanyard.internal.files;

import dev.lanyard.LoginTimeoutException;
import dev.lanyard.internal.time.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Mutual exclusion for one stored token set across threads and processes: a {@link ReentrantLock}
 * per key within this JVM, then an exclusive {@link FileLock} on a lock file. The file store locks
 * a lock file beside its token file; the keychain store, whose secret store does not lock, one in
 * the token folder.
 *
 * <p>The in-process lock comes first because a JVM holds file locks per process: a second {@code
 * FileChannel.lock} on the same file throws {@link OverlappingFileLockException}, and on POSIX
 * closing any channel to the file drops the process's lock. The lock file is never deleted, so
 * every process always locks the same file.
 *
 * <p>The wait for the file lock polls through a {@link Sleeper} against a nanosecond ticker, both
 * injectable so that a test of the deadline does not wait for it.
 */
public final class ExclusiveSection {
  /** One in-process lock per key, shared by every store instance for that key. */
  private static final ConcurrentMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private static final long MAX_SLEEP_MILLIS = 50;

  private final Path lockFile;
  private final Duration timeout;
  private final ReentrantLock lock;
  private final Sleeper sleeper;
  private final LongSupplier nanoTime;

  /**
   * A section keyed by {@code key} (the in-process lock: an absolute, normalized path, such as the
   * token file's) over {@code lockFile}, acquired within {@code timeout}; the wait for the file
   * lock sleeps through {@code sleeper} against {@code nanoTime}.
   */
  public ExclusiveSection(
      Path key, Path lockFile, Duration timeout, Sleeper sleeper, LongSupplier nanoTime) {
    this.lockFile = lockFile;
    this.timeout = timeout;
    this.lock = LOCKS.computeIfAbsent(key, p -> new ReentrantLock());
    this.sleeper = sleeper;
    this.nanoTime = nanoTime;
  }

  /**
   * A section on {@code lockFile} (also its in-process key, made absolute and normalized), acquired
   * within {@code timeout}, waiting in real time.
   */
  public static ExclusiveSection on(Path lockFile, Duration timeout) {
    Path path = lockFile.toAbsolutePath().normalize();
    return new ExclusiveSection(path, path, timeout, Sleeper.SYSTEM, System::nanoTime);
  }

  /** The lock file. */
  public Path lockFile() {
    return lockFile;
  }

  /** The deadline for acquiring the section. */
  public Duration timeout() {
    return timeout;
  }

  /** The body of a section. */
  @FunctionalInterface
  public interface Body {
    /** Runs inside the section. */
    void run() throws IOException;
  }

  /**
   * Runs {@code body} holding both locks, acquired within the timeout; a thread already inside runs
   * it at once. The lock file's folder must exist.
   *
   * @throws LoginTimeoutException when the locks are not acquired in time
   */
  public void run(Body body) throws IOException {
    if (lock.isHeldByCurrentThread()) {
      body.run(); // an outer call on this thread holds both locks until it returns
      return;
    }
    long deadline = nanoTime.getAsLong() + timeout.toNanos();
    acquireInProcess(deadline);
    try {
      // opening a FIFO for writing blocks until a reader comes: refuse anything but a file
      SecureFiles.requireRegularOrAbsent(lockFile, "lock file");
    } catch (IOException e) {
      lock.unlock();
      throw e;
    }
    try (FileChannel channel =
        FileChannel.open(
            lockFile,
            Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
            SecureFiles.permissions(lockFile, SecureFiles.OWNER_FILE))) {
      FileLock fileLock = acquireFileLock(channel, deadline);
      try {
        body.run();
      } finally {
        fileLock.release();
      }
    } finally {
      lock.unlock();
    }
  }

  private void acquireInProcess(long deadline) throws IOException {
    try {
      if (!lock.tryLock(Math.max(0, deadline - nanoTime.getAsLong()), TimeUnit.NANOSECONDS)) {
        throw timedOut("another thread of this process holds it");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted();
    }
  }

  /** Polls with short sleeps: {@code FileChannel.lock()} cannot be given a deadline. */
  private FileLock acquireFileLock(FileChannel channel, long deadline) throws IOException {
    long sleepMillis = 1;
    while (true) {
      FileLock fileLock;
      try {
        fileLock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        fileLock = null; // this JVM holds it under another spelling of the path; wait it out
      }
      if (fileLock != null) {
        return fileLock;
      }
      long remainingNanos = deadline - nanoTime.getAsLong();
      if (remainingNanos <= 0) {
        throw timedOut("another process holds it");
      }
      try {
        sleeper.sleep(
            Duration.ofMillis(
                Math.min(sleepMillis, TimeUnit.NANOSECONDS.toMillis(remainingNanos) + 1)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw interrupted();
      }
      sleepMillis = Math.min(sleepMillis * 2, MAX_SLEEP_MILLIS);
    }
  }

  private LoginTimeoutException timedOut(String holder) {
    return new LoginTimeoutException(
        "Timed out after "
            + timeout.toMillis()
            + " ms waiting for the lock file "
            + lockFile
            + " ("
            + holder
            + ")");
  }

  private InterruptedIOException interrupted() {
    return new InterruptedIOException("Interrupted while waiting for the lock file " + lockFile);
  }
}
