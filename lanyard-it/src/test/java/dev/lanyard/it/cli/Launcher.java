package dev.lanyard.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real {@code ./lanyard} launcher at the repository root, run as a child process the way a
 * person's shell runs it, in an environment the test controls: only {@code PATH}, {@code
 * JAVA_HOME}, a throw-away {@code HOME}, {@code LANYARD_HOME} in the test's temporary folder and
 * {@code NO_COLOR=1}, plus what a test adds. No variable of the test's own process leaks in ({@code
 * LANYARD_*} least of all). Standard input is closed unless a test pipes text in; every process has
 * a deadline.
 *
 * <p>Instances are immutable: {@link #env} and {@link #in} return a launcher for the same home with
 * one more variable or another working directory.
 */
final class Launcher {
  /** The longest an unattended command may take (a busy two-core machine, a cold JVM). */
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** The first launch may build the jar and its class-data sharing archive. */
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

  private static final Object BUILD_LOCK = new Object();
  private static boolean built; // guarded by BUILD_LOCK

  private final Path home;
  private final Path workingDirectory;
  private final Map<String, String> vars;

  /** A launcher with {@code LANYARD_HOME}, {@code HOME} and working directory in {@code dir}. */
  Launcher(Path dir) {
    ensureBuilt();
    this.home = dir.resolve("lanyard-home");
    this.workingDirectory = createDirectories(dir.resolve("work"));
    this.vars = new HashMap<>();
    vars.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    String javaHome = System.getenv("JAVA_HOME");
    if (javaHome != null) {
      vars.put("JAVA_HOME", javaHome);
    }
    vars.put("HOME", createDirectories(dir.resolve("user-home")).toString());
    vars.put("LANYARD_HOME", home.toString());
    vars.put("NO_COLOR", "1");
  }

  private Launcher(Path home, Path workingDirectory, Map<String, String> vars) {
    this.home = home;
    this.workingDirectory = workingDirectory;
    this.vars = vars;
  }

  /** The repository root: surefire runs in {@code lanyard-it/}. */
  static Path root() {
    Path root = Path.of("..").toAbsolutePath().normalize();
    assertThat(root.resolve("lanyard")).as("the launcher at the repository root").isExecutable();
    return root;
  }

  /** The launcher script. */
  static Path script() {
    return root().resolve("lanyard");
  }

  /** This launcher with one more variable (or, with a null value, one less). */
  Launcher env(String name, String value) {
    Map<String, String> more = new HashMap<>(vars);
    if (value == null) {
      more.remove(name);
    } else {
      more.put(name, value);
    }
    return new Launcher(home, workingDirectory, more);
  }

  /** This launcher running its commands in {@code directory} (where {@code .env} is read). */
  Launcher in(Path directory) {
    return new Launcher(home, createDirectories(directory), vars);
  }

  /** {@code LANYARD_HOME}. */
  Path home() {
    return home;
  }

  Path workingDirectory() {
    return workingDirectory;
  }

  Path configFile() {
    return home.resolve("config.yaml");
  }

  /** {@code lanyard ARGS...} with standard input closed, to its end. */
  Run run(String... args) {
    return start(args).await(TIMEOUT);
  }

  /** {@code lanyard ARGS...} with {@code stdin} piped in, to its end. */
  Run runWithInput(String stdin, String... args) {
    return startCommand(stdin, lanyard(args)).await(TIMEOUT);
  }

  /** Starts {@code lanyard ARGS...} with standard input closed; the caller awaits it. */
  Running start(String... args) {
    return startCommand(null, lanyard(args));
  }

  /** Any command (git, say) in this environment, {@code stdin} piped in when not null. */
  Running startCommand(String stdin, List<String> command) {
    Process process;
    try {
      process = processBuilder(command).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
    Running running = new Running(command, process);
    try (OutputStream in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // the process closed its input early: it did not want it
    }
    return running;
  }

  /** A process builder for {@code command} in this environment, not started. */
  ProcessBuilder processBuilder(List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(workingDirectory.toFile());
    pb.environment().clear();
    pb.environment().putAll(vars);
    return pb;
  }

  /** {@code ./lanyard} followed by {@code args}. */
  static List<String> lanyard(String... args) {
    List<String> command = new ArrayList<>();
    command.add(script().toString());
    command.addAll(Arrays.asList(args));
    return command;
  }

  /**
   * Once per test JVM: {@code ./lanyard --version} in the test's own environment (its {@code HOME}
   * and Maven settings), so a missing or stale jar and the class-data sharing archive are built
   * before any test's clock runs. The reactor has just packaged lanyard-cli, so usually only the
   * archive is made here.
   */
  private static void ensureBuilt() {
    synchronized (BUILD_LOCK) {
      if (built) {
        return;
      }
      ProcessBuilder pb = new ProcessBuilder(lanyard("--version")).directory(root().toFile());
      pb.environment().keySet().removeIf(name -> name.startsWith("LANYARD_"));
      Process process;
      try {
        process = pb.start();
        process.getOutputStream().close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start " + script(), e);
      }
      Run r = new Running(pb.command(), process).await(BUILD_TIMEOUT);
      assertThat(r.code()).as("first launch, which builds what is missing:\n%s", r).isZero();
      assertThat(r.out()).as(r.toString()).startsWith("lanyard ");
      built = true;
    }
  }

  private static Path createDirectories(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
