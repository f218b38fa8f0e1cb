package dev.lanyard.cli;

import dev.lanyard.profiles.config.Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lanyard profile use NAME}: makes a profile the default ({@code default_profile}). */
@Command(name = "use", header = "Make a profile the default.")
final class ProfileUseCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "The profile.")
  String name;

  @Override
  int run() throws Exception {
    ProfileCommand.existing(ctx(), name);
    Config saved = ctx().configFile().update(c -> c.withDefault(name));
    ctx().configChanged(saved);
    err().println("Profile " + name + " is now the default.");
    return CliError.OK;
  }
}
