package dev.lanyard.cli;

import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs {@code lanyard} in-process against a temporary {@code LANYARD_HOME} and working directory,
 * with an environment the test controls: nothing of the real process's environment is read or
 * changed.
 */
final class Cli {
  /** What a run printed and returned. */
  record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** Fails fast against a provider that is down: no retries, short timeouts. */
  static final Transport QUICK =
      Transport.builder()
          .maxRetries(0)
          .connectTimeout(Duration.ofSeconds(2))
          .requestTimeout(Duration.ofSeconds(5))
          .build();

  final Path dir;
  final Path home;
  final Map<String, String> vars = new HashMap<>();
  private Environment env;

  Cli(Path dir) {
    this.dir = dir;
    this.home = dir.resolve("lanyard-home");
    vars.put("LANYARD_HOME", home.toString());
    vars.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    this.env = Environment.of(Map.of(), dir).withTransport(QUICK);
  }

  /** Sets (or with null removes) a variable of the next runs. */
  Cli var(String name, String value) {
    if (value == null) {
      vars.remove(name);
    } else {
      vars.put(name, value);
    }
    return this;
  }

  /** Changes the environment of the next runs (variables are set from {@link #vars}). */
  Cli env(java.util.function.UnaryOperator<Environment> change) {
    env = change.apply(env);
    return this;
  }

  Environment environment() {
    return env.withVariables(vars);
  }

  Run run(String... args) {
    return run(environment(), args);
  }

  /** Runs with {@code stdin} piped in. */
  Run runWithInput(String stdin, String... args) {
    return run(environment().withStdin(stdin), args);
  }

  static Run run(Environment environment, String... args) {
    CommandLine cmd = Lanyard.commandLine(environment);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  Path configFile() {
    return home.resolve("config.yaml");
  }

  String config() throws IOException {
    return Files.readString(configFile());
  }

  void writeConfig(String yaml) throws IOException {
    Files.createDirectories(home);
    Files.writeString(configFile(), yaml);
  }

  /** Signs profile {@code name} in with a personal access token. */
  Run loginToken(String token, String... more) {
    String[] args = new String[more.length + 3];
    args[0] = "login";
    args[1] = "--flow";
    args[2] = "token";
    System.arraycopy(more, 0, args, 3, more.length);
    return runWithInput(token + "\n", args);
  }
}
