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
    if (args.length > 0 && args[0].equals("token")) {
      // Not createTempDirectory: its SecureRandom would start the JCA, and the AOT cache would
      // then hold (and load at every start) classes the token fast path never uses.
      Path home =
          Path.of(System.getProperty("java.io.tmpdir"))
              .resolve("lanyard-aot-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
      Files.createDirectory(home);
      if (trainToken(home) != 0) {
        System.exit(1);
      }
      return; // no System.exit: on Java 21+ it loads the JDK's logging lookup (see Main)
    }
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

  /**
   * Only what a warm {@code lanyard token} runs, for a JDK 25 AOT cache (launcher: {@code
   * CdsTraining token}). Every class in such a cache is loaded when the JVM starts, and a class the
   * run needs but the cache lacks is loaded from the jar, which costs far more
   * (docs/performance.md): so the home holds what {@code login} leaves (a config with an OAuth and
   * a static-token profile, their token files written as text so that no JSON library is loaded),
   * the fast path prints in every format (kubectl asks for {@code exec-credential}) through the
   * writer {@link Main} prints with, and nothing else runs. Deletes {@code home}; 0 when the token
   * was printed each time.
   */
  static int trainToken(Path home) throws IOException {
    try {
      Path tokens = Files.createDirectories(home.resolve("tokens"));
      Files.writeString(
          home.resolve("config.yaml"),
          """
          default_profile: lab
          profiles:
            lab:
              issuer: https://login.example.org/realms/lab
              client_id: lanyard-cli
            pat:
              flow: token
          """);
      ownerOnly(home.resolve("config.yaml"));
      String oauth =
          "{\"version\":1,\"token_type\":\"Bearer\",\"access_token\":\"cds-training-token\","
              + "\"refresh_token\":\"cds-training-refresh\",\"scope\":\"openid\","
              + "\"issued_at\":\"2025-01-01T00:00:00.123456789Z\","
              + "\"expires_at\":\"2999-01-01T00:00:00Z\"}\n";
      writeToken(tokens, "https://login.example.org/realms/lab", "lanyard-cli", "lab", oauth);
      String pat =
          "{\"version\":1,\"token_type\":\"Bearer\",\"access_token\":\"cds-training-token\","
              + "\"scope\":\"\",\"issued_at\":\"2025-01-01T00:00:00Z\"}\n";
      writeToken(tokens, "static", "none", "pat", pat);
      Environment env = Environment.system().withVariables(Map.of("LANYARD_HOME", home.toString()));
      String[][] runs = {
        {"token"},
        {"--profile", "pat", "token"},
        {"token", "--format", "header"},
        {"token", "--format", "json"},
        {"token", "--format", "exec-credential"},
        {"token"}
      };
      int failures = 0;
      for (String[] args : runs) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        PrintWriter out =
            new PrintWriter(
                new java.io.OutputStreamWriter(bytes, java.nio.charset.StandardCharsets.UTF_8),
                true);
        if (FastToken.answer(args, env, out) != CliError.OK
            || !bytes
                .toString(java.nio.charset.StandardCharsets.UTF_8)
                .contains("cds-training-token")) {
          failures++;
        }
      }
      return failures == 0 ? 0 : 1;
    } finally {
      delete(home.toFile()); // no streams or lambdas: only the fast path's classes in the cache
    }
  }

  private static void writeToken(
      Path dir, String issuer, String client, String profile, String json) throws IOException {
    Path file = dir.resolve(TokenFileName.of(issuer, client, profile));
    Files.writeString(file, json);
    ownerOnly(file); // as the store writes it, or the fast path leaves the file to the store
  }

  private static void ownerOnly(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(
          file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }
  }

  private static void delete(java.io.File f) {
    java.io.File[] children = f.listFiles();
    if (children != null) {
      for (java.io.File c : children) {
        delete(c);
      }
    }
    if (!f.delete() && f.exists()) {
      f.deleteOnExit();
    }
  }

  private static int run(Environment env, String... args) {
    CommandLine cmd = Lanyard.commandLine(env);
    cmd.setOut(new PrintWriter(new StringWriter()));
    cmd.setErr(new PrintWriter(new StringWriter()));
    return cmd.execute(args) == 0 ? 0 : 1;
  }
}
