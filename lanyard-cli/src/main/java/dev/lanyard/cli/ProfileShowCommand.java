package dev.lanyard.cli;

import dev.lanyard.profiles.config.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lanyard profile show [NAME]}: a profile's settings as YAML on standard output. */
@Command(name = "show", header = "Show a profile's settings (YAML).")
final class ProfileShowCommand extends BaseCommand {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "NAME",
      description = "The profile (default: the one in use).")
  String name;

  @Override
  int run() {
    String profile = name != null ? name : profile();
    Profile p = ProfileCommand.existing(ctx(), profile);
    out().print(p.toYamlText());
    return CliError.OK;
  }
}
