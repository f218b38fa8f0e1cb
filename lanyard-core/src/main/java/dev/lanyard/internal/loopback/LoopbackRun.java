package dev.lanyard.internal.loopback;

import dev.lanyard.LoginTimeoutException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One sign-in at a time on a loopback callback server: bind, print the URL and open the browser,
 * wait with a deadline, cancel. What is served is up to the caller's {@link SignInCallback} (OAuth,
 * or a provider plug-in); the port is closed before {@link #await()} or {@link #cancel()} returns,
 * and once the result is in, awaited or not.
 *
 * @param <T> what a completed sign-in yields
 */
public final class LoopbackRun<T> {
  /** Beyond the deadline, how long {@code await} gives the server to report it. */
  private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

  /** Opens a URL in a browser; a login's launcher. */
  @FunctionalInterface
  public interface Opener {
    /** Opens {@code url}, or fails saying why not. */
    void open(URI url) throws IOException;
  }

  /** What to serve once the port is bound: the URL to open, and the callback. */
  public record Started<T>(URI url, SignInCallback<T> callback) {}

  /** Builds the sign-in for the bound port; runs before anything is served. */
  @FunctionalInterface
  public interface Setup<T> {
    /** The sign-in on {@code boundPort}. */
    Started<T> start(int boundPort) throws IOException;
  }

  private record Attempt<T>(CallbackServer server, SignInCallback<T> callback, long deadline) {}

  private final int port;
  private final Duration timeout;
  private final Opener launcher;
  private final Consumer<String> printer;
  private final String noBrowserAdvice;
  private final String timeoutMessage;
  private final Object lock = new Object();
  private @Nullable Attempt<T> attempt; // guarded by lock

  /**
   * @param noBrowserAdvice what to suggest when no browser opens, before the port forwarding hint,
   *     e.g. "Sign in with a device code instead (device login), or forward the port"
   */
  public LoopbackRun(
      int port,
      Duration timeout,
      Opener launcher,
      Consumer<String> printer,
      String noBrowserAdvice) {
    this.port = port;
    this.timeout = timeout;
    this.launcher = launcher;
    this.printer = printer;
    this.noBrowserAdvice = noBrowserAdvice;
    this.timeoutMessage =
        "no sign-in arrived within " + Durations.format(timeout) + "; run the login again";
  }

  /** A loopback port setting: 0 (any free port) to 65535. */
  public static int checkPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
    }
    return port;
  }

  /** A callback path: starts with '/', only unreserved characters. */
  public static String checkCallbackPath(String path) {
    java.util.Objects.requireNonNull(path, "path");
    if (!path.matches("/[A-Za-z0-9._~/-]*")) {
      throw new IllegalArgumentException(
          "callbackPath must start with '/' and hold only unreserved characters, was " + path);
    }
    return path;
  }

  /** "no sign-in arrived within 300 s; run the login again" */
  public String timeoutMessage() {
    return timeoutMessage;
  }

  /** How long a sign-in may take. */
  public Duration timeout() {
    return timeout;
  }

  /** Fails while an earlier sign-in still waits. */
  public void checkIdle() {
    synchronized (lock) {
      if (attempt != null && !attempt.callback().result().isDone()) {
        throw new IllegalStateException(
            "a sign-in is already waiting; call await() or cancel() first");
      }
    }
  }

  /** Binds, sets the sign-in up, serves it, announces the URL; returns the URL at once. */
  @SuppressWarnings("ReferenceEquality") // which attempt, not an equal one
  public URI start(Setup<T> setup) throws IOException {
    checkIdle();
    CallbackServer server = CallbackServer.bind(port);
    @Nullable Attempt<T> a = null;
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      Started<T> started = setup.start(server.port());
      a = new Attempt<>(server, started.callback(), deadline);
      synchronized (lock) {
        checkIdle();
        attempt = a;
      }
      // One sign-in per server: it stops once the result is in, awaited or not.
      var unused = started.callback().result().whenComplete((r, e) -> server.close());
      server.start(started.callback(), deadline);
      announce(started.url(), server.port());
      return started.url();
    } catch (IOException | RuntimeException | Error e) {
      // Whatever a setup or launcher throws, the port must not stay open behind it.
      server.close();
      synchronized (lock) {
        if (attempt == a && a != null) {
          attempt = null;
        }
      }
      throw e;
    }
  }

  private void announce(URI url, int boundPort) {
    printer.accept("To sign in, open this URL in a browser:");
    printer.accept("  " + url);
    try {
      launcher.open(url);
    } catch (IOException | RuntimeException e) {
      printer.accept(
          "Could not open a browser (" + e.getMessage() + "); open the URL above yourself.");
      printer.accept(
          "No browser on this machine? "
              + noBrowserAdvice
              + " from a machine with a browser: ssh -L "
              + boundPort
              + ":127.0.0.1:"
              + boundPort
              + " ...");
    }
  }

  /**
   * Waits for the started sign-in. Interrupting the waiting thread ends it: the port is freed and
   * an {@link InterruptedIOException} thrown, with the interrupt flag set again.
   *
   * @throws IllegalStateException when no sign-in was started
   * @throws LoginTimeoutException after the timeout, or when {@link #cancel()} was called
   */
  @SuppressWarnings("ReferenceEquality") // which attempt, not an equal one
  public T await() throws IOException {
    @Nullable Attempt<T> a;
    synchronized (lock) {
      a = attempt;
    }
    if (a == null) {
      throw new IllegalStateException("call start() before await()");
    }
    CompletableFuture<T> result = a.callback().result();
    try {
      long left = Math.max(0, a.deadline() - System.nanoTime() + GRACE_NANOS);
      return result.get(left, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new LoginTimeoutException(timeoutMessage);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result.completeExceptionally(new LoginTimeoutException("the sign-in was interrupted"));
      throw new InterruptedIOException(
          "interrupted while waiting for the sign-in; it was cancelled");
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    } finally {
      a.server().close();
      synchronized (lock) {
        if (attempt == a) {
          attempt = null;
        }
      }
    }
  }

  /** Ends a waiting sign-in with "the sign-in was cancelled"; nothing when none waits. */
  public void cancel() {
    @Nullable Attempt<T> a;
    synchronized (lock) {
      a = attempt;
    }
    if (a != null) {
      a.callback()
          .result()
          .completeExceptionally(new LoginTimeoutException("the sign-in was cancelled"));
      a.server().close();
    }
  }

  private static IOException rethrow(@Nullable Throwable cause) {
    if (cause instanceof IOException io) {
      return io;
    }
    if (cause instanceof RuntimeException re) {
      throw re;
    }
    if (cause instanceof Error err) {
      throw err;
    }
    return new IOException(String.valueOf(cause), cause);
  }
}
