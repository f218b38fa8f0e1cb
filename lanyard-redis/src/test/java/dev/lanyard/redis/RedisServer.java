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
  private final List<String> extra;
  private int port;
  private Process process;

  private RedisServer(Path dir, List<String> extra) {
    this.dir = dir;
    this.extra = List.copyOf(extra);
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
    return start(dir, List.of());
  }

  /**
   * A replica of {@code master} ({@code --replicaof}) keeping its data in {@code dir}, returned
   * once the master counts it as an online replica.
   */
  public static RedisServer startReplica(Path dir, RedisServer master) {
    RedisServer replica =
        start(dir, List.of("--replicaof", "127.0.0.1", Integer.toString(master.port())));
    master.awaitOnlineReplicas(1);
    return replica;
  }

  /**
   * Debian's {@code redis-sentinel} watching {@code master} as {@code name}, alone (quorum 1), with
   * short timeouts: the master is deemed down after 1 s without answers and a failover starts at
   * once.
   */
  public static RedisServer startSentinel(Path dir, RedisServer master, String name) {
    return start(
        dir,
        List.of(
            "--sentinel",
            "sentinel monitor " + name + " 127.0.0.1 " + master.port() + " 1",
            "sentinel down-after-milliseconds " + name + " 1000",
            "sentinel failover-timeout " + name + " 5000",
            "sentinel parallel-syncs " + name + " 1"));
  }

  /** {@code redis-sentinel://127.0.0.1:PORT#name}, for a sentinel. */
  public String sentinelUri(String name) {
    return "redis-sentinel://127.0.0.1:" + port + "#" + name;
  }

  /**
   * A private server with extra {@code redis-server} arguments: {@code redis-server} for a server,
   * or, when {@code extra} starts with {@code --sentinel}, Debian's {@code redis-sentinel} with a
   * config file of {@code extra}'s other elements, one directive each.
   */
  static RedisServer start(Path dir, List<String> extra) {
    if (HOOK.compareAndSet(false, true)) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(RedisServer::stopAll, "lanyard-redis-server-stop"));
    }
    RedisServer server = new RedisServer(dir, extra);
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
    stop(false);
  }

  /** Kills the server with SIGKILL, as a crash would: no snapshot, no goodbye to replicas. */
  public void kill() {
    stop(true);
  }

  private void stop(boolean crash) {
    Process p = process;
    if (p == null) {
      return;
    }
    if (crash) {
      p.destroyForcibly();
    } else {
      p.destroy();
    }
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

  /** Waits until {@code INFO replication} shows {@code count} replicas online (20 s at most). */
  public void awaitOnlineReplicas(int count) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (countOnline(command("INFO", "replication")) < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(count + " replica(s) not online at " + this);
      }
      try {
        Thread.sleep(20); // polls a condition with a deadline
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  private static int countOnline(String info) {
    int n = 0;
    for (String line : info.split("\r?\n")) {
      if (line.matches("slave\\d+:.*state=online.*")) {
        n++;
      }
    }
    return n;
  }

  /**
   * Sends one command in RESP and returns the reply's text (a bulk string's content, or the status
   * or error line); empty when the server cannot be reached.
   */
  public String command(String... words) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      s.setSoTimeout(2000);
      StringBuilder req = new StringBuilder("*" + words.length + "\r\n");
      for (String w : words) {
        req.append('$').append(w.getBytes(US_ASCII).length).append("\r\n").append(w).append("\r\n");
      }
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String head = readLine(in);
      if (head.startsWith("$")) {
        int len = Integer.parseInt(head.substring(1));
        return len < 0 ? "" : new String(in.readNBytes(len), US_ASCII);
      }
      if (head.startsWith("*")) { // an array of bulk strings, joined by spaces
        int count = Integer.parseInt(head.substring(1));
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < count; i++) {
          String item = readLine(in);
          if (item.startsWith("$")) {
            int len = Integer.parseInt(item.substring(1));
            all.append(all.length() == 0 ? "" : " ")
                .append(new String(in.readNBytes(len), US_ASCII));
            readLine(in);
          }
        }
        return all.toString();
      }
      return head.substring(1);
    } catch (IOException e) {
      return "";
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  private void launch(int port) {
    Path log = dir.resolve("redis.log");
    if (!extra.isEmpty() && extra.get(0).equals("--sentinel")) {
      launchSentinel(port, log);
      return;
    }
    List<String> command = new ArrayList<>();
    command.addAll(
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
            "--shutdown-timeout", // tests stop replicas too: no waiting for lagging ones
            "0",
            "--repl-diskless-sync-delay", // a replica syncs at once, not after 5 s
            "0",
            "--logfile",
            ""));
    command.addAll(extra);
    start(command, port, log);
  }

  private void launchSentinel(int port, Path log) {
    Path conf = dir.resolve("sentinel.conf");
    List<String> lines = new ArrayList<>();
    lines.add("port " + port);
    lines.add("bind 127.0.0.1");
    lines.add("dir " + dir);
    lines.addAll(extra.subList(1, extra.size()));
    try {
      // Sentinel rewrites its config: keep what it learnt when it restarts on the same port.
      if (this.port != port || !Files.exists(conf)) {
        Files.write(conf, lines);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    start(List.of("redis-sentinel", conf.toString()), port, log);
  }

  private void start(List<String> command, int port, Path log) {
    try {
      this.process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot run "
              + command.get(0)
              + " (install Debian's redis-server and redis-sentinel packages)",
          e);
    }
    this.port = port;
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        stop();
        throw new IllegalStateException(
            command.get(0) + " did not start on port " + port + "; see " + log);
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
