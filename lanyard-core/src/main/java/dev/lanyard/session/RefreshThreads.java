package dev.lanyard.session;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The shared daemon threads that run background refreshes when no executor is given. */
final class RefreshThreads {
  private RefreshThreads() {}

  private static final class Holder {
    static final Executor EXECUTOR = create();
  }

  static Executor executor() {
    return Holder.EXECUTOR;
  }

  private static Executor create() {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            4,
            4,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "lanyard-refresh-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
