package dev.lanyard.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code tinyproxy}, started by a test on a free loopback port, optionally asking for
 * Basic credentials, and stopped by {@link #close()}. Its log (level Info) records every request it
 * forwards and every tunnel it opens, so a test can prove a call went through it.
 */
public final class TinyProxy implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final Process process;
  private final int port;
  private final Path log;

  private TinyProxy(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts tinyproxy in the foreground in {@code dir}; with a non-null {@code user}, it answers 407
   * unless that user and password come with the request.
   */
  public static TinyProxy start(Path dir, String user, String password) {
    // tinyproxy cannot take port 0: pick a free port, and pick again if another process took it
    // before tinyproxy bound it.
    IOException last = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      try {
        return tryStart(dir, freePort(), user, password);
      } catch (IOException e) {
        last = e;
      }
    }
    throw new UncheckedIOException("tinyproxy did not start", last);
  }

  private static TinyProxy tryStart(Path dir, int port, String user, String password)
      throws IOException {
    Files.createDirectories(dir);
    Path conf = dir.resolve("tinyproxy-" + port + ".conf");
    Path log = dir.resolve("tinyproxy-" + port + ".log");
    Files.writeString(log, "");
    StringBuilder c = new StringBuilder();
    c.append("Port ").append(port).append('\n');
    c.append("Listen 127.0.0.1\n");
    c.append("Timeout 60\n");
    c.append("MaxClients 50\n");
    c.append("Allow 127.0.0.1\n");
    c.append("LogLevel Info\n");
    c.append("LogFile \"").append(log).append("\"\n");
    c.append("DisableViaHeader Yes\n");
    if (user != null) {
      c.append("BasicAuth ").append(user).append(' ').append(password).append('\n');
    }
    Files.writeString(conf, c.toString());
    Process p =
        new ProcessBuilder(List.of("tinyproxy", "-d", "-c", conf.toString()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("tinyproxy.out").toFile()))
            .start();
    TinyProxy proxy = new TinyProxy(p, port, log);
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!p.isAlive()) {
        throw new IOException("tinyproxy exited with " + p.exitValue() + "; see " + dir);
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return proxy;
      } catch (IOException notYet) {
        try {
          p.waitFor(50, TimeUnit.MILLISECONDS); // returns early if it exits
        } catch (InterruptedException e) {
          proxy.close();
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
    }
    proxy.close();
    throw new IOException("tinyproxy did not listen on port " + port + " within " + START_TIMEOUT);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** {@code http://127.0.0.1:PORT}, or with {@code user:password@} when given. */
  public String url(String userInfo) {
    return "http://" + (userInfo == null ? "" : userInfo + "@") + "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The log so far. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many times the log says {@code text}, e.g. {@code "CONNECT 127.0.0.1:8443"}. */
  public long count(String text) {
    return log().lines().filter(l -> l.contains(text)).count();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
