package dev.lanyard.cli;

import dev.lanyard.profiles.config.Config;
import dev.lanyard.profiles.config.Profile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lanyard profile}: list, show, change and remove the profiles of {@code config.yaml}. */
@Command(
    name = "profile",
    header = "List, show, change and remove profiles.",
    subcommands = {
      ProfileListCommand.class,
      ProfileShowCommand.class,
      ProfileSetCommand.class,
      ProfileUseCommand.class,
      ProfileRemoveCommand.class
    })
final class ProfileCommand implements Runnable {
  @Spec CommandSpec spec;

  /** Without a subcommand: a usage error. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required: list, show, set, use or remove");
  }

  /** The stored profile {@code name}; a failure listing the profiles when there is none. */
  static Profile existing(Context ctx, String name) {
    Config config = ctx.config();
    return config
        .profile(name)
        .orElseThrow(
            () ->
                CliError.failure(
                    "no profile '"
                        + name
                        + "' in "
                        + ctx.configFile().path()
                        + (config.profiles().isEmpty()
                            ? "; create one with lanyard login or lanyard profile set"
                            : "; profiles: " + String.join(", ", config.profiles().keySet()))));
  }
}
