package dev.lanyard.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A private D-Bus session with Debian's GNOME Keyring on it, unlocked with a test password, for a
 * test to run the command line against a real Secret Service: {@code dbus-daemon --session} on a
 * socket in the test's folder, then {@code gnome-keyring-daemon --unlock --components=secrets},
 * whose files go to {@code home} (the {@code HOME} the test gives the command line too, so a test
 * can look for token text in every file there, the keyring's own included). The keyring daemon
 * lives on the bus: {@link #close()} stops the bus and the daemon exits with it.
 *
 * <p>Needs {@code dbus}, {@code gnome-keyring} and {@code libsecret-tools} ({@code secret-tool}),
 * which the README's test packages list.
 */
public final class KeyringSession implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final String PASSWORD = "lanyard-test-keyring";

  private final Process bus;
  private final String address;
  private final Path home;
  private final Path runtimeDir;

  private KeyringSession(Process bus, String address, Path home, Path runtimeDir) {
    this.bus = bus;
    this.address = address;
    this.home = home;
    this.runtimeDir = runtimeDir;
  }

  /** Starts the bus with its socket in {@code dir} and an unlocked keyring in {@code home}. */
  public static KeyringSession start(Path dir, Path home) {
    try {
      Path runtime = ownerOnly(Files.createDirectories(dir.resolve("dbus-run")));
      ownerOnly(Files.createDirectories(home));
      Process bus =
          new ProcessBuilder(
                  "dbus-daemon",
                  "--session",
                  "--nofork",
                  "--nopidfile",
                  "--print-address=1",
                  "--address=unix:path=" + runtime.resolve("bus"))
              .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("dbus.err").toFile()))
              .start();
      KeyringSession session;
      try {
        session = new KeyringSession(bus, firstLine(bus), home, runtime);
        session.unlockKeyring(dir);
      } catch (IOException | RuntimeException e) {
        stop(bus);
        throw e;
      }
      return session;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a D-Bus session with GNOME Keyring", e);
    }
  }

  /** The address the bus prints once it listens, read with a deadline. */
  private static String firstLine(Process bus) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return out.readLine();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    try {
      String address = line.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (address == null || !address.startsWith("unix:")) {
        throw new IOException("dbus-daemon printed no address (exit " + exitOf(bus) + ")");
      }
      return address.strip();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("dbus-daemon printed no address within " + START_TIMEOUT, e);
    }
  }

  /**
   * {@code gnome-keyring-daemon --unlock} reads the password on standard input, creates or unlocks
   * the login keyring, forks its daemon onto the bus and exits: when it has exited, the Secret
   * Service answers.
   */
  private void unlockKeyring(Path dir) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder("gnome-keyring-daemon", "--unlock", "--components=secrets")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("gnome-keyring.out").toFile());
    pb.environment().putAll(environment());
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(PASSWORD.getBytes(StandardCharsets.UTF_8));
    }
    try {
      if (!p.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("gnome-keyring-daemon --unlock did not finish in " + START_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          "gnome-keyring-daemon --unlock exited with "
              + p.exitValue()
              + ": "
              + Files.readString(dir.resolve("gnome-keyring.out")));
    }
  }

  /** {@code DBUS_SESSION_BUS_ADDRESS}: what a process needs to reach this keyring. */
  public String address() {
    return address;
  }

  /** The variables the keyring's own tools run with: the bus, and the keyring's home. */
  public Map<String, String> environment() {
    return Map.of(
        "DBUS_SESSION_BUS_ADDRESS", address,
        "HOME", home.toString(),
        "XDG_RUNTIME_DIR", runtimeDir.toString(),
        "XDG_DATA_HOME", home.resolve(".local/share").toString(),
        "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
  }

  /** Where the keyring keeps its files ({@code login.keyring}). */
  public Path keyringFolder() {
    return home.resolve(".local/share/keyrings");
  }

  /**
   * {@code secret-tool lookup ATTRIBUTE VALUE ...}, as a person inspects the keyring: the secret,
   * or empty when there is no such entry.
   */
  public String lookup(String... attributes) {
    List<String> command = new ArrayList<>(List.of("secret-tool", "lookup"));
    command.addAll(List.of(attributes));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(environment());
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      CompletableFuture<byte[]> out =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return p.getInputStream().readAllBytes();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      if (!p.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("secret-tool did not answer in " + START_TIMEOUT);
      }
      return new String(
          out.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("secret-tool's output", e);
    }
  }

  /** Stops the bus; the keyring daemon, a client of it, exits with it. */
  @Override
  public void close() {
    stop(bus);
  }

  private static void stop(Process p) {
    p.destroy();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String exitOf(Process p) {
    return p.isAlive() ? "still running" : String.valueOf(p.exitValue());
  }

  private static Path ownerOnly(Path dir) throws IOException {
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(
          dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }
    return dir;
  }
}
