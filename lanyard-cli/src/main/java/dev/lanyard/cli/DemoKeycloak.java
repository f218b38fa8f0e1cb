package dev.lanyard.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The demo's Keycloak: started detached (it outlives the command, for the next steps it prints),
 * remembered by a pid file, reused while it answers, stopped by {@code lanyard demo --stop}.
 *
 * <p>The launcher script hands over where things are: {@code LANYARD_DEMO_KEYCLOAK_DIST} (the
 * unpacked distribution), {@code LANYARD_DEMO_REALM} (the tests' realm file) and {@code
 * LANYARD_KEYCLOAK_JAVA_HOME} (a Java 21+ JDK, which Keycloak needs).
 */
final class DemoKeycloak {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path home;
  private final Path realm;
  private final Path javaHome;
  private final Path state;
  private final int port;

  private DemoKeycloak(Path home, Path realm, Path javaHome, Path state, int port) {
    this.home = home;
    this.realm = realm;
    this.javaHome = javaHome;
    this.state = state;
    this.port = port;
  }

  static DemoKeycloak configure(Environment env, Path state, int port) throws IOException {
    Map<String, String> v = env.variables();
    String dist = v.get("LANYARD_DEMO_KEYCLOAK_DIST");
    String realm = v.get("LANYARD_DEMO_REALM");
    String java = v.get("LANYARD_KEYCLOAK_JAVA_HOME");
    if (dist == null || realm == null) {
      throw CliError.failure(
          "run the demo through the launcher: ./lanyard demo (at the repository root)");
    }
    if (java == null || java.isBlank()) {
      throw CliError.failure(
          "Keycloak needs Java 21 or newer: install one, or set LANYARD_KEYCLOAK_JAVA_HOME");
    }
    Path home;
    try (Stream<Path> dirs = Files.list(Path.of(dist))) {
      home =
          dirs.filter(d -> Files.isExecutable(d.resolve("bin/kc.sh")))
              .findFirst()
              .orElseThrow(() -> CliError.failure("no Keycloak distribution under " + dist));
    }
    return new DemoKeycloak(home, Path.of(realm), Path.of(java), state, port);
  }

  Path logFile() {
    return state.resolve("keycloak.log");
  }

  private Path pidFile() {
    return state.resolve("keycloak.pid");
  }

  /** The issuer of realm lab on a Keycloak that answers: the running one, or a new one. */
  String ensureRunning(PrintWriter err) throws IOException, InterruptedException {
    Optional<String> running = running();
    if (running.isPresent()) {
      err.println("Using the demo's Keycloak that already runs at " + running.get());
      return running.get();
    }
    int httpPort = free(port) ? port : freePort();
    int managementPort = freePort();
    Files.createDirectories(state);
    Files.createDirectories(home.resolve("data/import"));
    Files.copy(
        realm, home.resolve("data/import/realm-lab.json"), StandardCopyOption.REPLACE_EXISTING);
    String base = "http://127.0.0.1:" + httpPort;
    err.println(
        "Starting Keycloak "
            + home.getFileName()
            + " on "
            + base
            + " with realm 'lab' (30-90 s; log: "
            + logFile()
            + ")…");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + httpPort,
                "--hostname=" + base,
                "--http-management-port=" + managementPort,
                "--health-enabled=true",
                "--import-realm"));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
    pb.environment().put("JAVA_HOME", javaHome.toString());
    pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
    pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
    Process process = pb.start();
    Files.writeString(pidFile(), process.pid() + " " + httpPort + "\n", StandardCharsets.UTF_8);
    URI ready = URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (status(ready) != 200) {
      if (!process.isAlive()) {
        throw CliError.failure("Keycloak stopped while starting; see " + logFile());
      }
      if (Instant.now().isAfter(deadline)) {
        stop();
        throw CliError.failure(
            "Keycloak did not start within " + START_TIMEOUT.toSeconds() + " s; see " + logFile());
      }
      Thread.sleep(1000);
    }
    err.println("Keycloak is ready.");
    return base + "/realms/lab";
  }

  /** The issuer of a demo Keycloak that runs and answers, if any. */
  private Optional<String> running() throws IOException {
    Optional<long[]> pid = readPid();
    if (pid.isEmpty() || ProcessHandle.of(pid.get()[0]).filter(ProcessHandle::isAlive).isEmpty()) {
      return Optional.empty();
    }
    String issuer = "http://127.0.0.1:" + pid.get()[1] + "/realms/lab";
    return status(URI.create(issuer + "/.well-known/openid-configuration")) == 200
        ? Optional.of(issuer)
        : Optional.empty();
  }

  /** Stops the demo's Keycloak and what it started; false when none ran. */
  boolean stop() throws IOException {
    Optional<long[]> pid = readPid();
    Files.deleteIfExists(pidFile());
    Optional<ProcessHandle> handle =
        pid.flatMap(p -> ProcessHandle.of(p[0])).filter(ProcessHandle::isAlive);
    if (handle.isEmpty()) {
      return false;
    }
    List<ProcessHandle> all = new ArrayList<>(handle.get().descendants().toList());
    all.add(handle.get());
    all.forEach(ProcessHandle::destroy);
    for (ProcessHandle h : all) {
      try {
        h.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
    return true;
  }

  private Optional<long[]> readPid() throws IOException {
    if (!Files.exists(pidFile())) {
      return Optional.empty();
    }
    String[] parts = Files.readString(pidFile(), StandardCharsets.UTF_8).trim().split("\\s+");
    try {
      return Optional.of(new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])});
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static int status(URI uri) {
    try {
      HttpRequest r = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
      return HTTP.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return s.isBound();
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
