package dev.lanyard.it.support;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One real Keycloak for all integration tests of a surefire run.
 *
 * <p>{@link #get()} starts it on first use ({@code kc.sh start-dev} on 127.0.0.1, random ports, a
 * fresh dev database, realm {@value #REALM} imported from {@code keycloak/realm-lab.json}) and
 * returns the same running instance afterwards. It is stopped by {@link
 * KeycloakLauncherSessionListener} when the JUnit launcher session closes, and by a JVM shutdown
 * hook otherwise. Server output goes to {@code lanyard-it/target/keycloak.log}.
 *
 * <p>Configuration (system properties, set by lanyard-it/pom.xml): {@code lanyard.keycloak.home}
 * (the unpacked distribution), {@code lanyard.keycloak.realm} (the realm file), {@code
 * lanyard.keycloak.log} (the log file), {@code lanyard.keycloak.startTimeoutSeconds} (default 240).
 * The JDK that runs Keycloak is found by {@link KeycloakJdk}; the environment variable {@code
 * LANYARD_KEYCLOAK_JAVA_HOME} overrides it.
 */
public final class Keycloak {

  /** The realm the tests use. */
  public static final String REALM = "lab";

  /** Bootstrap administrator of the master realm. */
  public static final String ADMIN_USERNAME = "admin";

  public static final String ADMIN_PASSWORD = "admin";

  /**
   * Public client: standard flow with PKCE S256 required, device flow, password grant, 300 s access
   * tokens.
   */
  public static final String CLIENT_CLI = "cli";

  /** Public client like {@link #CLIENT_CLI} but with 10 s access tokens. */
  public static final String CLIENT_CLI_SHORT = "cli-short";

  /** Confidential client with service account (client credentials only). */
  public static final String CLIENT_SERVICE = "service";

  public static final String CLIENT_SERVICE_SECRET = "service-secret";

  public static final String ALICE = "alice";
  public static final String ALICE_PASSWORD = "alice-password";
  public static final String BOB = "bob";
  public static final String BOB_PASSWORD = "bob-password";

  /** Has a TOTP credential: the password grant needs {@code totp} (HmacSHA1, 6 digits, 30 s). */
  public static final String CAROL = "carol";

  public static final String CAROL_PASSWORD = "carol-password";

  /** carol's TOTP key is the UTF-8 bytes of this string. */
  public static final String CAROL_TOTP_KEY = "lanyard-carol-otp-secret";

  private static final String LOG_PREFIX = "[lanyard-it] ";
  private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(240);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final Duration KILL_WAIT = Duration.ofSeconds(15);
  private static final int LOG_TAIL_LINES = 40;

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private static final Object LOCK = new Object();

  /** Guarded by LOCK. */
  private static Keycloak instance;

  /** Guarded by LOCK: a failed start is not retried for every test class. */
  private static RuntimeException startFailure;

  /**
   * The server being started or running, for the shutdown hook and the launcher listener (no lock
   * there).
   */
  private static volatile Keycloak current;

  private static final AtomicBoolean HOOK_REGISTERED = new AtomicBoolean();

  private final Path home;
  private final Path logFile;
  private final Path pidFile;
  private final Process process;
  private final int httpPort;
  private final int httpsPort;
  private final TestCa testCa;
  private final int managementPort;
  private final URI baseUri;
  private final AtomicBoolean stopRequested = new AtomicBoolean();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private volatile Duration startupTime;

  private String cachedAdminToken; // guarded by this
  private Instant cachedAdminTokenUntil; // guarded by this

  private Keycloak(
      Path home,
      Path logFile,
      Path pidFile,
      Process process,
      int httpPort,
      int managementPort,
      int httpsPort,
      TestCa testCa) {
    this.home = home;
    this.logFile = logFile;
    this.pidFile = pidFile;
    this.process = process;
    this.httpPort = httpPort;
    this.managementPort = managementPort;
    this.httpsPort = httpsPort;
    this.testCa = testCa;
    this.baseUri = URI.create("http://127.0.0.1:" + httpPort);
  }

  // ------------------------------------------------------------------ lifecycle

  /**
   * The running Keycloak, started on the first call (which blocks for the 20–60 s start-up; other
   * callers wait). A start that failed is not retried in the same JVM: later calls fail at once.
   */
  public static Keycloak get() {
    synchronized (LOCK) {
      if (startFailure != null) {
        throw new IllegalStateException(
            "Keycloak failed to start earlier in this JVM; the cause says why", startFailure);
      }
      if (instance != null && !instance.stopRequested.get()) {
        if (!instance.process.isAlive()) {
          throw new IllegalStateException(
              "Keycloak exited unexpectedly with code "
                  + instance.process.exitValue()
                  + ". "
                  + describeLog(instance.logFile));
        }
        return instance;
      }
      try {
        instance = start();
      } catch (RuntimeException e) {
        startFailure = e;
        throw e;
      }
      return instance;
    }
  }

  /** Stops the server if one was started in this JVM; does nothing otherwise. Idempotent. */
  public static void stopIfStarted() {
    Keycloak k = current;
    if (k != null) {
      k.stop();
    }
  }

  private static Keycloak start() {
    Path home = configuredHome();
    Path realmFile = configuredRealmFile();
    Path logFile =
        configuredPath("lanyard.keycloak.log", home.getParent().resolveSibling("keycloak.log"));
    Path pidFile = logFile.resolveSibling("keycloak.pid");
    Duration timeout =
        Duration.ofSeconds(
            Long.getLong(
                "lanyard.keycloak.startTimeoutSeconds", DEFAULT_START_TIMEOUT.toSeconds()));

    Path kcSh = home.resolve("bin/kc.sh");
    if (!Files.isRegularFile(kcSh)) {
      throw new IllegalStateException(
          "No Keycloak distribution at "
              + home
              + " ("
              + kcSh
              + " is missing)."
              + " The lanyard-it build unpacks it in generate-test-resources: run"
              + " `mvn -pl lanyard-it -am test` or set -Dlanyard.keycloak.home.");
    }
    if (!Files.isExecutable(kcSh) && !kcSh.toFile().setExecutable(true)) {
      throw new IllegalStateException(kcSh + " is not executable");
    }
    if (!Files.isRegularFile(realmFile)) {
      throw new IllegalStateException("Realm file " + realmFile + " is missing");
    }
    Path javaHome = KeycloakJdk.locate();

    killStale(pidFile, home);
    TestCa testCa = TestCa.create(logFile.resolveSibling("test-ca"), javaHome);
    try {
      Files.createDirectories(logFile.getParent());
      deleteRecursively(home.resolve("data/h2"));
      Path importDir = Files.createDirectories(home.resolve("data/import"));
      Files.copy(
          realmFile,
          importDir.resolve(realmFile.getFileName()),
          StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(logFile, "");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare Keycloak at " + home, e);
    }

    registerShutdownHook();
    // Two tries: the ports are free when picked but another process could take one before Keycloak
    // binds.
    for (int attempt = 1; ; attempt++) {
      int[] ports = freePorts(3);
      Keycloak k = launch(home, javaHome, logFile, pidFile, ports, testCa);
      current = k;
      Instant begin = Instant.now();
      try {
        k.awaitReady(begin.plus(timeout), timeout);
        k.startupTime = Duration.between(begin, Instant.now());
        k.writePidFile();
        System.err.printf(
            "%sKeycloak ready at %s (management port %d, Java %s) in %.1f s; log: %s%n",
            LOG_PREFIX,
            k.baseUri,
            k.managementPort,
            javaHome,
            k.startupTime.toMillis() / 1000.0,
            logFile);
        return k;
      } catch (RuntimeException e) {
        k.stop();
        if (attempt == 1 && logMentionsBindFailure(logFile)) {
          System.err.println(
              LOG_PREFIX + "Keycloak could not bind its ports; retrying with new ones");
          continue;
        }
        throw e;
      }
    }
  }

  private static Keycloak launch(
      Path home, Path javaHome, Path logFile, Path pidFile, int[] ports, TestCa testCa) {
    int httpPort = ports[0];
    int mgmtPort = ports[1];
    int httpsPort = ports[2];
    List<String> command =
        List.of(
            home.resolve("bin/kc.sh").toString(),
            "start-dev",
            "--http-host=127.0.0.1",
            "--http-port=" + httpPort,
            // Pinned, or the issuer would follow each request's Host header.
            "--hostname=http://127.0.0.1:" + httpPort,
            "--http-management-port=" + mgmtPort,
            // A second listener, HTTPS with a certificate from the build's test CA, for the proxy,
            // CA and mutual-TLS tests (RFC 8705): a client certificate is asked for, not required;
            // the clients' certificates are in src/test/resources/tls. The management interface
            // (health) stays on plain http.
            "--https-port=" + httpsPort,
            "--https-key-store-file=" + testCa.serverKeyStore(),
            "--https-key-store-password=" + TestCa.PASSWORD,
            "--https-trust-store-file=" + tlsFile("client-trust.p12"),
            "--https-trust-store-password=" + TestCa.PASSWORD,
            "--https-client-auth=request",
            "--http-management-scheme=http",
            "--health-enabled=true",
            "--import-realm",
            "--log-console-color=false");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    Map<String, String> env = pb.environment();
    // Settings from the caller's environment must not reconfigure the server (kc.sh reads JAVA,
    // JAVA_OPTS,
    // DEBUG, and Keycloak reads every KC_* variable as an option).
    env.keySet()
        .removeIf(
            name ->
                name.startsWith("KC_")
                    || name.startsWith("KEYCLOAK_")
                    || name.equals("JAVA")
                    || name.equals("JAVA_OPTS")
                    || name.equals("JAVA_OPTS_APPEND")
                    || name.equals("DEBUG")
                    || name.equals("DEBUG_PORT")
                    || name.equals("JAVA_OPTS_KC_HEAP"));
    env.put("JAVA_HOME", javaHome.toString());
    env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
    env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
    // C1 only: about a quarter faster start-up on two cores; the tests send little traffic.
    env.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
    try {
      Files.writeString(
          logFile,
          "# lanyard-it: JAVA_HOME="
              + javaHome
              + " "
              + String.join(" ", command)
              + System.lineSeparator(),
          StandardOpenOption.APPEND);
      Process process = pb.start();
      Keycloak k =
          new Keycloak(home, logFile, pidFile, process, httpPort, mgmtPort, httpsPort, testCa);
      k.writePidFile();
      return k;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + command.get(0), e);
    }
  }

  private void awaitReady(Instant deadline, Duration timeout) {
    URI ready = URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
    HttpRequest probe = HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).GET().build();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Keycloak exited with code "
                + process.exitValue()
                + " before it was ready. "
                + describeLog(logFile));
      }
      try {
        if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "Keycloak was not ready at "
                + ready
                + " within "
                + timeout.toSeconds()
                + " s. "
                + describeLog(logFile));
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
      }
    }
  }

  /**
   * SIGTERM to kc.sh and every descendant (kc.sh runs java as a child, or execs it), up to 30 s for
   * them to exit, then SIGKILL to what is left. Idempotent; a concurrent caller waits for the first
   * one to finish.
   */
  private void stop() {
    if (!stopRequested.compareAndSet(false, true)) {
      try {
        stopped.get(STOP_GRACE.plus(KILL_WAIT).plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // the other caller reports
      }
      return;
    }
    try {
      Instant begin = Instant.now();
      ProcessHandle root = process.toHandle();
      // Snapshot before signalling: once kc.sh is gone its java child is no longer its descendant.
      List<ProcessHandle> tree =
          Stream.concat(root.descendants(), Stream.of(root)).collect(Collectors.toList());
      boolean wasRunning = tree.stream().anyMatch(ProcessHandle::isAlive);
      tree.forEach(ProcessHandle::destroy);
      awaitExit(tree, begin.plus(STOP_GRACE));
      List<ProcessHandle> survivors =
          tree.stream().filter(ProcessHandle::isAlive).collect(Collectors.toList());
      if (!survivors.isEmpty()) {
        System.err.println(
            LOG_PREFIX
                + "Keycloak did not stop within "
                + STOP_GRACE.toSeconds()
                + " s; killing "
                + survivors.stream()
                    .map(h -> String.valueOf(h.pid()))
                    .collect(Collectors.joining(", ")));
        survivors.forEach(ProcessHandle::destroyForcibly);
        awaitExit(survivors, Instant.now().plus(KILL_WAIT));
      }
      try {
        process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      try {
        Files.deleteIfExists(pidFile);
      } catch (IOException ignored) {
        // a stale pid file is checked before the next start anyway
      }
      if (wasRunning) {
        System.err.printf(
            "%sKeycloak stopped in %.1f s%n",
            LOG_PREFIX, Duration.between(begin, Instant.now()).toMillis() / 1000.0);
      }
    } finally {
      stopped.complete(null);
    }
  }

  private static void awaitExit(List<ProcessHandle> handles, Instant deadline) {
    for (ProcessHandle h : handles) {
      long left = Duration.between(Instant.now(), deadline).toMillis();
      if (left <= 0) {
        return;
      }
      try {
        h.onExit().get(left, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException e) {
        return;
      }
    }
  }

  private static void registerShutdownHook() {
    if (HOOK_REGISTERED.compareAndSet(false, true)) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(Keycloak::stopIfStarted, "lanyard-keycloak-stop"));
    }
  }

  /**
   * Records kc.sh's pid and its descendants', so a later run can end a server whose JVM was killed
   * hard.
   */
  private void writePidFile() {
    ProcessHandle root = process.toHandle();
    String pids =
        Stream.concat(Stream.of(root), root.descendants())
            .map(h -> String.valueOf(h.pid()))
            .collect(Collectors.joining(System.lineSeparator()));
    try {
      Files.writeString(pidFile, pids + System.lineSeparator());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + pidFile, e);
    }
  }

  /**
   * Ends processes listed in a pid file left by an earlier run, if they still run this Keycloak
   * home.
   */
  private static void killStale(Path pidFile, Path home) {
    if (!Files.isRegularFile(pidFile)) {
      return;
    }
    List<ProcessHandle> stale = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(pidFile)) {
        if (line.isBlank()) {
          continue;
        }
        ProcessHandle.of(Long.parseLong(line.trim()))
            .filter(ProcessHandle::isAlive)
            .filter(h -> h.info().commandLine().orElse("").contains(home.toString()))
            .ifPresent(stale::add);
      }
      Files.deleteIfExists(pidFile);
    } catch (IOException | NumberFormatException e) {
      System.err.println(LOG_PREFIX + "Ignoring unreadable " + pidFile + ": " + e);
      return;
    }
    if (stale.isEmpty()) {
      return;
    }
    System.err.println(
        LOG_PREFIX
            + "Stopping Keycloak left over from an earlier run: pids "
            + stale.stream().map(h -> String.valueOf(h.pid())).collect(Collectors.joining(", ")));
    stale.forEach(ProcessHandle::destroy);
    awaitExit(stale, Instant.now().plus(STOP_GRACE));
    stale.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    awaitExit(stale, Instant.now().plus(KILL_WAIT));
  }

  // ------------------------------------------------------------------ accessors

  /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
  public URI baseUri() {
    return baseUri;
  }

  /** The issuer of realm {@value #REALM}: {@code http://127.0.0.1:PORT/realms/lab}. */
  public String issuer() {
    return baseUri + "/realms/" + REALM;
  }

  /** {@code issuer()/.well-known/openid-configuration}. */
  public String discoveryEndpoint() {
    return issuer() + "/.well-known/openid-configuration";
  }

  public String authorizationEndpoint() {
    return issuer() + "/protocol/openid-connect/auth";
  }

  public String tokenEndpoint() {
    return issuer() + "/protocol/openid-connect/token";
  }

  /** The OAuth 2.0 device authorization endpoint (RFC 8628). */
  public String deviceEndpoint() {
    return issuer() + "/protocol/openid-connect/auth/device";
  }

  public String userinfoEndpoint() {
    return issuer() + "/protocol/openid-connect/userinfo";
  }

  /** A file of src/test/resources/tls (the clients' certificates and keys, their trust store). */
  public static Path tlsFile(String name) {
    try {
      return Path.of(Keycloak.class.getResource("/tls/" + name).toURI());
    } catch (java.net.URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("no test TLS file " + name, e);
    }
  }

  /** The HTTPS origin (mutual TLS asked for, not required), e.g. {@code https://127.0.0.1:8443}. */
  public URI httpsBaseUri() {
    return URI.create("https://127.0.0.1:" + httpsPort);
  }

  public int httpPort() {
    return httpPort;
  }

  /** The HTTPS listener's port; its certificate is signed by {@link #testCa()}. */
  public int httpsPort() {
    return httpsPort;
  }

  /**
   * The token endpoint of realm {@value #REALM} on the HTTPS listener. (Discovery there still names
   * the pinned http issuer, so HTTPS tests set endpoints explicitly.)
   */
  public String httpsTokenEndpoint() {
    return "https://127.0.0.1:" + httpsPort + "/realms/" + REALM + "/protocol/openid-connect/token";
  }

  /** The CA made for this build, which signed the HTTPS listener's certificate. */
  public TestCa testCa() {
    return testCa;
  }

  /** Port of the management interface (health endpoints). */
  public int managementPort() {
    return managementPort;
  }

  /** The unpacked distribution this server runs from. */
  public Path home() {
    return home;
  }

  /** Where the server's stdout and stderr go. */
  public Path logFile() {
    return logFile;
  }

  /** How long the server took from launch to a 200 from /health/ready. */
  public Duration startupTime() {
    return startupTime;
  }

  // ------------------------------------------------------------------ admin helpers

  /**
   * An access token of the bootstrap admin (admin-cli, password grant, master realm). Cached until
   * shortly before it expires (master tokens live 60 s).
   */
  public synchronized String adminToken() {
    Instant now = Instant.now();
    if (cachedAdminToken != null && now.isBefore(cachedAdminTokenUntil)) {
      return cachedAdminToken;
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "password");
    form.put("client_id", "admin-cli");
    form.put("username", ADMIN_USERNAME);
    form.put("password", ADMIN_PASSWORD);
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(
                    URI.create(baseUri + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)))
                .build(),
            200);
    Map<String, Object> json = parseObject(response.body());
    long expiresIn = ((Number) json.get("expires_in")).longValue();
    cachedAdminToken = (String) json.get("access_token");
    cachedAdminTokenUntil = now.plusSeconds(Math.max(0, expiresIn - 15));
    return cachedAdminToken;
  }

  /**
   * How many stored events of {@code type} (e.g. {@code REFRESH_TOKEN}, {@code
   * REFRESH_TOKEN_ERROR}, {@code LOGIN}, {@code CLIENT_LOGIN}, {@code CODE_TO_TOKEN}) realm {@value
   * #REALM} has, via {@code GET /admin/realms/lab/events?type=...}. Only the types listed in the
   * realm file are stored.
   */
  public int countEvents(String type) {
    int pageSize = 1000;
    int total = 0;
    for (int first = 0; ; first += pageSize) {
      HttpResponse<String> response =
          send(
              adminRequest(
                      "/events?type=" + urlEncode(type) + "&first=" + first + "&max=" + pageSize)
                  .GET()
                  .build(),
              200);
      int n = parseArray(response.body()).size();
      total += n;
      if (n < pageSize) {
        return total;
      }
    }
  }

  /** Deletes all stored (user) events of realm {@value #REALM}. */
  public void clearEvents() {
    send(adminRequest("/events").DELETE().build(), 204);
  }

  /** The id of user {@code username} in realm {@value #REALM}; fails if there is no such user. */
  public String userId(String username) {
    HttpResponse<String> response =
        send(adminRequest("/users?exact=true&username=" + urlEncode(username)).GET().build(), 200);
    for (Object o : parseArray(response.body())) {
      if (o instanceof Map<?, ?> && username.equals(((Map<?, ?>) o).get("username"))) {
        return (String) ((Map<?, ?>) o).get("id");
      }
    }
    throw new IllegalStateException("No user '" + username + "' in realm " + REALM);
  }

  /**
   * Ends every session of {@code username} in realm {@value #REALM} ({@code POST
   * /admin/realms/lab/users/{id}/logout}); their refresh tokens stop working.
   */
  public void logoutAllSessions(String username) {
    send(
        adminRequest("/users/" + userId(username) + "/logout")
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        204);
  }

  private HttpRequest.Builder adminRequest(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(baseUri + "/admin/realms/" + REALM + pathAndQuery))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + adminToken())
        .header("Accept", "application/json");
  }

  private static HttpResponse<String> send(HttpRequest request, int... expectedStatus) {
    HttpResponse<String> response;
    try {
      response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted: " + request.method() + " " + request.uri(), e);
    }
    if (Arrays.stream(expectedStatus).noneMatch(s -> s == response.statusCode())) {
      throw new IllegalStateException(
          request.method()
              + " "
              + request.uri()
              + " answered "
              + response.statusCode()
              + " (expected "
              + Arrays.toString(expectedStatus)
              + "): "
              + response.body());
    }
    return response;
  }

  private static Map<String, Object> parseObject(String json) {
    try {
      return JSONObjectUtils.parse(json);
    } catch (ParseException e) {
      throw new IllegalStateException("Not a JSON object: " + json, e);
    }
  }

  private static List<Object> parseArray(String json) {
    try {
      return JSONArrayUtils.parse(json);
    } catch (ParseException e) {
      throw new IllegalStateException("Not a JSON array: " + json, e);
    }
  }

  private static String formEncode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(e -> urlEncode(e.getKey()) + "=" + urlEncode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String urlEncode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ files, ports, logs

  private static Path configuredHome() {
    String property = System.getProperty("lanyard.keycloak.home");
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    // Outside Maven (an IDE run from lanyard-it): the one unpacked distribution under
    // target/keycloak.
    Path unpacked = Path.of("target", "keycloak").toAbsolutePath();
    if (Files.isDirectory(unpacked)) {
      try (Stream<Path> children = Files.list(unpacked)) {
        List<Path> homes =
            children
                .filter(p -> Files.isRegularFile(p.resolve("bin/kc.sh")))
                .sorted()
                .collect(Collectors.toList());
        if (!homes.isEmpty()) {
          return homes.get(homes.size() - 1).normalize();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException(
        "Set -Dlanyard.keycloak.home to an unpacked Keycloak distribution"
            + " (lanyard-it's build unpacks one into target/keycloak).");
  }

  private static Path configuredRealmFile() {
    return configuredPath("lanyard.keycloak.realm", Path.of("..", "keycloak", "realm-lab.json"));
  }

  private static Path configuredPath(String property, Path fallback) {
    String value = System.getProperty(property);
    Path path = value == null || value.isBlank() ? fallback : Path.of(value);
    return path.toAbsolutePath().normalize();
  }

  private static int[] freePorts(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      InetAddress loopback = InetAddress.getByName("127.0.0.1");
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, loopback);
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find free ports on 127.0.0.1", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // nothing to do
        }
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
            if (exc != null) {
              throw exc;
            }
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static boolean logMentionsBindFailure(Path logFile) {
    String log = readLog(logFile);
    return log.contains("Address already in use") || log.contains("BindException");
  }

  private static String describeLog(Path logFile) {
    List<String> lines = Arrays.asList(readLog(logFile).split("\\R"));
    List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
    return "Log: "
        + logFile
        + "; its last "
        + tail.size()
        + " lines:"
        + System.lineSeparator()
        + String.join(System.lineSeparator(), tail);
  }

  private static String readLog(Path logFile) {
    try {
      return new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + logFile + ": " + e + ")";
    }
  }

  @Override
  public String toString() {
    return "Keycloak[" + baseUri + ", management port " + managementPort + ", home " + home + "]";
  }
}
