package dev.lanyard.cli;

/**
 * A failure the command line reports as one line and an exit code: {@link #USAGE} for a command
 * that cannot work as given, {@link #FAILURE} for everything else. (A person having to sign in is a
 * {@link dev.lanyard.LoginRequiredException}, exit {@link #LOGIN}.)
 */
final class CliError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final int OK = 0;
  static final int FAILURE = 1;
  static final int USAGE = 2;
  static final int LOGIN = 3;

  private final int exitCode;

  CliError(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  /** The command cannot work as given: exit 2. */
  static CliError usage(String message) {
    return new CliError(USAGE, message);
  }

  /** Something went wrong: exit 1. */
  static CliError failure(String message) {
    return new CliError(FAILURE, message);
  }

  int exitCode() {
    return exitCode;
  }
}
