package dev.lanyard.cli;

import dev.lanyard.TokenSet;
import dev.lanyard.profiles.config.Profile;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lanyard exec -- COMMAND [ARGS...]}: runs a command with a fresh access token in its
 * environment and exits with the command's exit code. While it runs, Ctrl-C goes to the command
 * (and this process waits for it), and stopping this process stops the command.
 */
@Command(
    name = "exec",
    header = "Run a command with a fresh access token in its environment.",
    description = "Exits with the command's exit code (127 when it cannot be started).")
final class ExecCommand extends BaseCommand {
  @Option(
      names = "--env-var",
      paramLabel = "NAME",
      description = "The variable that gets the token (default: ${DEFAULT-VALUE}).")
  String envVar = "LANYARD_ACCESS_TOKEN";

  @Mixin FreshnessOptions freshness;

  @Parameters(
      arity = "1..*",
      paramLabel = "COMMAND",
      description = "The command and its arguments.")
  List<String> command;

  @Override
  int run() throws Exception {
    if (!envVar.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw CliError.usage("--env-var '" + envVar + "' is not an environment variable name");
    }
    profile();
    TokenSet t =
        Tokens.valid(
            ctx(), ctx().settings(Profile.EMPTY), freshness.minValid, freshness.forceRefresh);
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(env().workingDirectory().toFile()).inheritIO();
    pb.environment().clear();
    pb.environment().putAll(env().variables());
    pb.environment().put(envVar, t.accessToken());
    out().flush();
    err().flush();
    Process child;
    try {
      child = pb.start();
    } catch (IOException e) {
      err()
          .println(
              style().red("lanyard:")
                  + " cannot run "
                  + command.get(0)
                  + ": "
                  + Errors.oneLine(e.getMessage()));
      return 127;
    }
    Thread stopChild = new Thread(child::destroy, "lanyard-stop-child");
    Runtime.getRuntime().addShutdownHook(stopChild);
    Signals.Ignored ignored = Signals.ignoreInterrupt();
    try {
      return child.waitFor();
    } finally {
      ignored.close();
      try {
        Runtime.getRuntime().removeShutdownHook(stopChild);
      } catch (IllegalStateException e) {
        // shutting down: the hook stops the child
      }
    }
  }
}
