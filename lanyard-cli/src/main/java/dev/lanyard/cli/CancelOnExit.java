package dev.lanyard.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Cancels a waiting sign-in when the process is asked to stop (Ctrl-C, SIGTERM): a shutdown hook
 * calls the login's {@code cancel()}, so the loopback port is closed and polling stops, and then
 * gives the command a moment to say so before the JVM exits.
 */
final class CancelOnExit implements AutoCloseable {
  private static final long GRACE_SECONDS = 3;

  private final Thread hook;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean fired;

  private CancelOnExit(Runnable cancel) {
    this.hook =
        new Thread(
            () -> {
              fired = true;
              cancel.run();
              try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "lanyard-cancel-on-exit");
  }

  static CancelOnExit register(Runnable cancel) {
    CancelOnExit c = new CancelOnExit(cancel);
    Runtime.getRuntime().addShutdownHook(c.hook);
    return c;
  }

  /** True when the process is stopping and the sign-in was cancelled for it. */
  boolean fired() {
    return fired;
  }

  /** The command is done: lets a stopping JVM go on, or removes the hook. */
  @Override
  public void close() {
    finished.countDown();
    if (!fired) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down
      }
    }
  }
}
