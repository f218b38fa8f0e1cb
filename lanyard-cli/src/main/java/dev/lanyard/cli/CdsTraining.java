package dev.lanyard.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The training run the launcher makes a class-data sharing archive from ({@code
 * -XX:DumpLoadedClassList}, then {@code -Xshare:dump}): it runs the common commands in a throw-away
 * {@code LANYARD_HOME}, deleted afterwards, so the archive holds the classes a real run loads.
 * Prints nothing; touches nothing of the user's.
 */
public final class CdsTraining {
  private CdsTraining() {}

  /** Runs the training in a temporary {@code LANYARD_HOME} and exits: 0 when it behaved. */
  public static void main(String[] args) throws IOException {
    Main.configureLogging(args);
    Environment.system(); // the real environment's classes, too
    System.exit(train(Files.createTempDirectory("lanyard-cds-")));
  }

  /**
   * Runs the training commands with {@code home} as {@code LANYARD_HOME}, then deletes {@code
   * home}; 0 when the commands behaved, else 1. The exit is the caller's: an exit in here would
   * skip the deletion and leave a token file behind.
   */
  static int train(Path home) throws IOException {
    try {
      Environment env = Environment.of(Map.of("LANYARD_HOME", home.toString()), home);
      int failures = 0;
      failures += run(env.withStdin("cds-training-token\n"), "login", "--flow", "token");
      for (String format : new String[] {"raw", "header", "json", "exec-credential"}) {
        failures += run(env, "token", "--format", format);
        StringWriter fast = new StringWriter();
        if (FastToken.answer(new String[] {"token", "--format", format}, env, new PrintWriter(fast))
            != 0) {
          failures++;
        }
      }
      failures += run(env, "status");
      failures += run(env, "status", "--all", "--json");
      failures += run(env, "profile", "list");
      failures += run(env, "profile", "show");
      run(env, "--help");
      run(env, "token", "--no-such-option");
      return failures == 0 ? 0 : 1;
    } finally {
      try (Stream<Path> files = Files.walk(home)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static int run(Environment env, String... args) {
    CommandLine cmd = Lanyard.commandLine(env);
    cmd.setOut(new PrintWriter(new StringWriter()));
    cmd.setErr(new PrintWriter(new StringWriter()));
    return cmd.execute(args) == 0 ? 0 : 1;
  }
}
