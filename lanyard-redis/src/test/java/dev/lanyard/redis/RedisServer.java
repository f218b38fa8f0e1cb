package dev.lanyard.redis;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real {@code redis-server} (Debian's package) on a free loopback port, for tests. {@link
 * #shared()} is started once per test JVM and stopped when the JUnit launcher session closes (or
 * the JVM exits); {@link #start(Path)} makes a private one that a test may stop and restart, and
 * must {@link #close()}.
 */
public final class RedisServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final Object LOCK = new Object();
  private static final List<RedisServer> RUNNING = new ArrayList<>(); // guarded by LOCK
  private static final AtomicBoolean HOOK = new AtomicBoolean();
  private static RedisServer shared; // guarded by LOCK

  private final Path dir;
  private int port;
  private Process process;

  private RedisServer(Path dir) {
    this.dir = dir;
  }

  /** The server shared by every test of this JVM, started on first use. */
  public static RedisServer shared() {
    synchronized (LOCK) {
      if (shared == null) {
        try {
          shared = start(Files.createTempDirectory("lanyard-redis-"));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return shared;
    }
  }

  /** Stops the shared server if it runs. */
  public static void stopShared() {
    synchronized (LOCK) {
      if (shared != null) {
        shared.close();
        shared = null;
      }
    }
  }

  /** A private server keeping its data in {@code dir} (an RDB snapshot written on stop). */
  public static RedisServer start(Path dir) {
    if (HOOK.compareAndSet(false, true)) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(RedisServer::stopAll, "lanyard-redis-server-stop"));
    }
    RedisServer server = new RedisServer(dir);
    // The port is free when picked; another process could take it first, so try again then.
    for (int attempt = 1; ; attempt++) {
      try {
        server.launch(freePort());
        break;
      } catch (IllegalStateException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
    synchronized (LOCK) {
      RUNNING.add(server);
    }
    return server;
  }

  /** {@code redis://127.0.0.1:PORT}. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** True while the server process runs. */
  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Stops the server as an operator would (SIGTERM: it writes its snapshot first). */
  public void stop() {
    Process p = process;
    if (p == null) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
    process = null;
  }

  /** Starts it again on the same port, with its snapshot or, {@code keepData} false, empty. */
  public void restart(boolean keepData) {
    stop();
    if (!keepData) {
      try {
        Files.deleteIfExists(dir.resolve("dump.rdb"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    launch(port);
  }

  @Override
  public void close() {
    stop();
    synchronized (LOCK) {
      RUNNING.remove(this);
    }
  }

  private static void stopAll() {
    List<RedisServer> all;
    synchronized (LOCK) {
      all = new ArrayList<>(RUNNING);
    }
    all.forEach(RedisServer::stop);
  }

  private void launch(int port) {
    Path log = dir.resolve("redis.log");
    List<String> command =
        List.of(
            "redis-server",
            "--port",
            Integer.toString(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            dir.toString(),
            "--save",
            "3600 1",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
            "--protected-mode",
            "yes",
            "--logfile",
            "");
    try {
      this.process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot run redis-server (install Debian's redis-server package)", e);
    }
    this.port = port;
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        stop();
        throw new IllegalStateException(
            "redis-server did not start on port " + port + "; see " + log);
      }
      if (ping() && process.isAlive()) {
        return;
      }
      try {
        process.waitFor(20, TimeUnit.MILLISECONDS); // wakes early if it exits
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  private boolean ping() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      s.setSoTimeout(2000);
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] answer = in.readNBytes(7);
      return new String(answer, US_ASCII).equals("+PONG\r\n");
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "RedisServer[" + uri() + "]";
  }
}
