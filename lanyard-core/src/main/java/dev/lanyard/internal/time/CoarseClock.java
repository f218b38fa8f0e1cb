package dev.lanyard.internal.time;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A wall clock read with one volatile load, updated by a daemon thread every {@value #TICK_MILLIS}
 * ms.
 *
 * <p>On the machines Lanyard targets, {@code System.currentTimeMillis()} costs 20–40 ns, ten times
 * the whole hot path of a session. Token expiry is judged with a skew of seconds, so a clock that
 * is at most a tick behind is exact enough; the wall clock (not {@code nanoTime}) is used because
 * expiry times are absolute and shared with other processes through token files.
 */
public final class CoarseClock implements InstantSource {
  static final long TICK_MILLIS = 10;

  private static final class Holder {
    static final CoarseClock INSTANCE = new CoarseClock();
  }

  private volatile long now = System.currentTimeMillis();

  @SuppressWarnings("ThreadPriorityCheck") // a late tick makes every token look older than it is
  private static void setHighPriority(Thread ticker) {
    ticker.setPriority(Thread.MAX_PRIORITY);
  }

  private CoarseClock() {
    Thread ticker = new Thread(this::tick, "lanyard-clock");
    ticker.setDaemon(true);
    setHighPriority(ticker);
    ticker.start();
  }

  /** The shared clock; its thread starts on first use. */
  public static CoarseClock get() {
    return Holder.INSTANCE;
  }

  private void tick() {
    long tick = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
    while (true) {
      LockSupport.parkNanos(tick);
      now = System.currentTimeMillis();
    }
  }

  @Override
  public long millis() {
    return now;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(now);
  }

  @Override
  public String toString() {
    return "CoarseClock[" + TICK_MILLIS + " ms]";
  }
}
