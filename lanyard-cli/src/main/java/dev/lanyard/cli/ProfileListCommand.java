package dev.lanyard.cli;

import dev.lanyard.profiles.config.Config;
import picocli.CommandLine.Command;

/**
 * {@code lanyard profile list}: the profile names, one per line; on a terminal the default one is
 * marked with {@code *}.
 */
@Command(name = "list", header = "List the profiles, one name per line.")
final class ProfileListCommand extends BaseCommand {
  @Override
  int run() {
    Config config = ctx().config();
    String def = config.defaultProfile().orElse("");
    for (String name : config.profiles().keySet()) {
      if (env().stdoutTerminal()) {
        out().println((name.equals(def) ? "* " : "  ") + name);
      } else {
        out().println(name);
      }
    }
    if (config.profiles().isEmpty()) {
      err().println("No profiles in " + ctx().configFile().path() + ".");
    }
    return CliError.OK;
  }
}
