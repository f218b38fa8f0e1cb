package dev.lanyard.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The process entry point. It names no picocli type, so a warm {@code lanyard token} answered by
 * {@link FastToken} never loads picocli; everything else runs {@link Lanyard}'s command tree.
 */
public final class Main {
  private Main() {}

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    configureLogging(args);
    Environment env = Environment.system();
    PrintWriter out = utf8(FileDescriptor.out);
    int code = FastToken.answer(args, env, out);
    if (code == CliError.OK && Thread.currentThread().getThreadGroup().activeCount() == 1) {
      // Return, not System.exit: since Java 21 Runtime.exit looks up a System.Logger to log the
      // exit, which starts the logging service lookup and opens the runtime image (about 60
      // classes). Only when no other thread runs: a keychain's D-Bus connection or a Redis
      // client would keep the JVM alive.
      return;
    }
    if (code == FastToken.NOT_HANDLED) {
      code = Lanyard.execute(args, env, out, utf8(FileDescriptor.err));
    }
    System.exit(code);
  }

  private static PrintWriter utf8(FileDescriptor fd) {
    return new PrintWriter(
        new OutputStreamWriter(new FileOutputStream(fd), StandardCharsets.UTF_8), true);
  }

  /**
   * The core logs through SLF4J; {@link StderrLogging} prints warnings on standard error, and debug
   * messages with {@code --verbose}. Set once per process, before the first logger exists.
   */
  static void configureLogging(String[] args) {
    boolean verbose = false;
    for (String a : args) {
      if (a.equals("--")) {
        break;
      }
      verbose |= a.equals("--verbose");
    }
    setDefault("slf4j.provider", StderrLogging.class.getName()); // no ServiceLoader scan
    setDefault("slf4j.internal.verbosity", "WARN");
    setDefault("lanyard.log", verbose ? "debug" : "warn");
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
