package dev.lanyard.cli;

import dev.lanyard.internal.env.DotEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Environment variables as the command line sees them: the process's own, over those of a {@code
 * .env} file in the working directory, read by the core's {@link DotEnv} (the same rules as every
 * other Lanyard module).
 */
final class Variables {
  private final Map<String, String> process;
  private final Map<String, String> dotenv;

  private Variables(Map<String, String> process, Map<String, String> dotenv) {
    this.process = process;
    this.dotenv = dotenv;
  }

  /** The process's variables over the {@code .env} file in the working directory, if any. */
  static Variables of(Environment env) {
    Path file = env.workingDirectory().resolve(".env");
    Map<String, String> dotenv = Map.of();
    try {
      if (Files.isRegularFile(file)) {
        dotenv = DotEnv.read(file);
      }
    } catch (IOException e) {
      throw new CliError(1, "cannot read " + file + ": " + e.getMessage());
    }
    return new Variables(env.variables(), dotenv);
  }

  /** The value of {@code name}: from the process, else from {@code .env}; empty when unset. */
  Optional<String> get(String name) {
    String v = process.get(name);
    if (v == null) {
      v = dotenv.get(name);
    }
    return Optional.ofNullable(v);
  }

  /** As {@link #get}, null when unset: a {@code Function} for lookups. */
  String getOrNull(String name) {
    return get(name).orElse(null);
  }

  /** Everything, process over {@code .env}: what a child process of {@code exec} gets. */
  Map<String, String> all() {
    Map<String, String> all = new HashMap<>(dotenv);
    all.putAll(process);
    return all;
  }
}
