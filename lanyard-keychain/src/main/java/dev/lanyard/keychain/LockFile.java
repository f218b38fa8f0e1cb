package dev.lanyard.keychain;

import dev.lanyard.LoginTimeoutException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The exclusive section of one keychain entry across threads and processes, as the file store makes
 * it (the keychain itself does not lock): a {@link ReentrantLock} per lock file in this JVM, then
 * an exclusive {@link FileLock} on the lock file, polled up to a deadline. The lock file is empty,
 * owner-only and never deleted; it holds no secret.
 */
final class LockFile {
  private static final ConcurrentMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();
  private static final long MAX_SLEEP_MILLIS = 50;

  private final Path path;
  private final Duration timeout;
  private final ReentrantLock lock;

  LockFile(Path path, Duration timeout) {
    this.path = path.toAbsolutePath().normalize();
    this.timeout = timeout;
    this.lock = LOCKS.computeIfAbsent(this.path, p -> new ReentrantLock());
  }

  Path path() {
    return path;
  }

  /** The body of a section. */
  @FunctionalInterface
  interface Body {
    void run() throws IOException;
  }

  /** Runs {@code body} holding both locks; a thread already inside runs it at once. */
  void run(Body body) throws IOException {
    if (lock.isHeldByCurrentThread()) {
      body.run();
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (!lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw timedOut("another thread of this process holds it");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the lock file " + path);
    }
    try (FileChannel channel = open()) {
      FileLock fileLock = acquire(channel, deadline);
      try {
        body.run();
      } finally {
        fileLock.release();
      }
    } finally {
      lock.unlock();
    }
  }

  private FileChannel open() throws IOException {
    Files.createDirectories(path.getParent());
    if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return FileChannel.open(
          path,
          java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  private FileLock acquire(FileChannel channel, long deadline) throws IOException {
    long sleepMillis = 1;
    while (true) {
      FileLock fileLock;
      try {
        fileLock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        fileLock = null;
      }
      if (fileLock != null) {
        return fileLock;
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        throw timedOut("another process holds it");
      }
      try {
        Thread.sleep(Math.min(sleepMillis, TimeUnit.NANOSECONDS.toMillis(remaining) + 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the lock file " + path);
      }
      sleepMillis = Math.min(sleepMillis * 2, MAX_SLEEP_MILLIS);
    }
  }

  private LoginTimeoutException timedOut(String holder) {
    return new LoginTimeoutException(
        "Timed out after "
            + timeout.toMillis()
            + " ms waiting for the lock file "
            + path
            + " ("
            + holder
            + ")");
  }
}
