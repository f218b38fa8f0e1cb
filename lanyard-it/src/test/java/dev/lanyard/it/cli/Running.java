package dev.lanyard.it.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A started process whose standard output and error are collected as they come, so a test can act
 * on what it prints while it runs (a sign-in URL, a device code) and then await its end. Every wait
 * has a deadline; a process past it is killed with its descendants and the test fails with
 * everything the process printed.
 */
final class Running implements AutoCloseable {
  private final List<String> command;
  private final Process process;
  private final Collector out;
  private final Collector err;

  Running(List<String> command, Process process) {
    this.command = command;
    this.process = process;
    this.out = new Collector(process.getInputStream(), "stdout of " + process.pid());
    this.err = new Collector(process.getErrorStream(), "stderr of " + process.pid());
  }

  /**
   * Waits until standard error, as printed so far, matches {@code pattern}; the match. Fails when
   * the process ends or the deadline passes first.
   */
  MatchResult awaitStderr(Pattern pattern, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (err) {
      while (true) {
        Matcher m = pattern.matcher(err.text);
        if (m.find()) {
          return m.toMatchResult();
        }
        long left = deadline - System.nanoTime();
        if (err.ended || left <= 0) {
          String why = err.ended ? "ended" : "ran " + timeout.toSeconds() + " s";
          kill();
          throw new AssertionError(
              command
                  + " "
                  + why
                  + " without printing /"
                  + pattern
                  + "/ on standard error:\n"
                  + snapshot());
        }
        try {
          err.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          kill();
          throw new AssertionError("interrupted", e);
        }
      }
    }
  }

  /** Waits for the end; the exit code and everything printed. Kills it past the deadline. */
  Run await(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
        throw new AssertionError(
            command
                + " did not end within "
                + timeout.toSeconds()
                + " s and was killed:\n"
                + snapshot());
      }
      out.join();
      err.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
      throw new AssertionError("interrupted", e);
    }
    return new Run(process.exitValue(), out.text(), err.text());
  }

  /** Kills the process and its descendants if it still runs; never throws. */
  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  private void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String snapshot() {
    return "--- stdout\n" + out.text() + "--- stderr\n" + err.text();
  }

  /** Reads one stream to its end on its own thread; waiters are woken at every chunk. */
  private static final class Collector {
    private final StringBuilder text = new StringBuilder(); // guarded by this
    private boolean ended; // guarded by this
    private final Thread thread;

    Collector(InputStream in, String name) {
      thread = new Thread(() -> drain(in), "lanyard-it " + name);
      thread.setDaemon(true);
      thread.start();
    }

    private void drain(InputStream in) {
      byte[] buffer = new byte[8192];
      // Bytes are kept until the end of a line, so a UTF-8 character is never split.
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      try (in) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          for (int i = 0; i < n; i++) {
            line.write(buffer[i]);
            if (buffer[i] == '\n') {
              append(line);
            }
          }
        }
      } catch (IOException e) {
        // the process was killed: what came so far is all there is
      } finally {
        append(line);
        synchronized (this) {
          ended = true;
          notifyAll();
        }
      }
    }

    private synchronized void append(ByteArrayOutputStream line) {
      text.append(line.toString(StandardCharsets.UTF_8));
      line.reset();
      notifyAll();
    }

    synchronized String text() {
      return text.toString();
    }

    void join() throws InterruptedException {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    }
  }
}
