package dev.lanyard.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A live "… 4:59 left" line on standard error while a sign-in waits, redrawn every second in place.
 * When standard error is not a terminal it prints the deadline once instead.
 */
final class Countdown implements AutoCloseable {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final PrintWriter err;
  private final Thread thread;

  private Countdown(PrintWriter err, Thread thread) {
    this.err = err;
    this.thread = thread;
  }

  static Countdown start(
      PrintWriter err,
      Style style,
      boolean terminal,
      InstantSource clock,
      Instant deadline,
      String label) {
    if (!terminal) {
      err.println(label + " until " + TIME.format(deadline) + "; Ctrl-C cancels.");
      err.flush();
      return new Countdown(err, null);
    }
    Thread t =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                Duration left = Duration.between(clock.instant(), deadline);
                if (left.isNegative()) {
                  left = Duration.ZERO;
                }
                String text =
                    String.format(
                        "%s %d:%02d left (Ctrl-C cancels)",
                        label, left.toMinutes(), left.toSecondsPart());
                synchronized (err) {
                  err.print("\r\033[K" + style.dim(text));
                  err.flush();
                }
                try {
                  Thread.sleep(1000 - clock.millis() % 1000);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "lanyard-countdown");
    t.setDaemon(true);
    t.start();
    return new Countdown(err, t);
  }

  /** Prints a line for people without tearing the countdown line. */
  static void println(PrintWriter err, boolean terminal, String line) {
    synchronized (err) {
      err.println((terminal ? "\r\033[K" : "") + line);
      err.flush();
    }
  }

  /** Stops and erases the countdown line. */
  @Override
  public void close() {
    if (thread == null) {
      return;
    }
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (err) {
      err.print("\r\033[K");
      err.flush();
    }
  }
}
