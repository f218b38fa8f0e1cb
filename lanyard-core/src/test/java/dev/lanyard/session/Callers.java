package dev.lanyard.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N threads that make one call each, released together; a test can wait until every one of them is
 * parked (waiting for the refresh) instead of guessing with sleeps.
 */
final class Callers<T> implements AutoCloseable {
  private final List<Thread> threads = new ArrayList<>();
  private final ExecutorService pool;
  private final List<Future<T>> results = new ArrayList<>();
  private final AtomicInteger entered = new AtomicInteger();

  Callers(int n, Callable<T> call) {
    this.pool =
        Executors.newFixedThreadPool(
            n,
            r -> {
              Thread t = new Thread(r, "caller-" + threads.size());
              t.setDaemon(true);
              synchronized (threads) {
                threads.add(t);
              }
              return t;
            });
    CyclicBarrier start = new CyclicBarrier(n);
    for (int i = 0; i < n; i++) {
      results.add(
          pool.submit(
              () -> {
                start.await(20, TimeUnit.SECONDS);
                entered.incrementAndGet();
                return call.call();
              }));
    }
  }

  /** Waits until every caller is parked: waiting for a refresh, or running it in a blocked read. */
  void awaitAllParked() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (entered.get() < results.size()) {
      assertThat(System.nanoTime()).as("all callers call").isLessThan(deadline);
      Thread.onSpinWait();
    }
    for (Thread t : snapshot()) {
      while (true) {
        Thread.State state = t.getState();
        if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
          break;
        }
        assertThat(System.nanoTime()).as("%s parks", t.getName()).isLessThan(deadline);
        Thread.onSpinWait();
      }
    }
  }

  /** Every caller's result, each within 20 s; a caller that threw fails here. */
  List<T> results() throws Exception {
    List<T> out = new ArrayList<>();
    for (Future<T> f : results) {
      out.add(f.get(20, TimeUnit.SECONDS));
    }
    return out;
  }

  /** Every caller's outcome: its result, or what it threw. */
  List<Object> outcomes() throws InterruptedException {
    List<Object> out = new ArrayList<>();
    for (Future<T> f : results) {
      try {
        out.add(f.get(20, TimeUnit.SECONDS));
      } catch (java.util.concurrent.ExecutionException e) {
        out.add(e.getCause());
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError("a caller did not return within 20 s", e);
      }
    }
    return out;
  }

  private List<Thread> snapshot() {
    synchronized (threads) {
      return List.copyOf(threads);
    }
  }

  static void await(CountDownLatch latch) throws InterruptedException {
    assertThat(latch.await(20, TimeUnit.SECONDS)).as("latch opens").isTrue();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
