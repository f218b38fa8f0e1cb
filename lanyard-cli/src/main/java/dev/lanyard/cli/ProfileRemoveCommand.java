package dev.lanyard.cli;

import dev.lanyard.profiles.config.Config;
import dev.lanyard.profiles.config.Profile;
import dev.lanyard.profiles.internal.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code lanyard profile remove NAME}: deletes a profile and its token file. It does not call the
 * provider; {@code lanyard logout} first revokes the tokens there.
 */
@Command(name = "remove", header = "Remove a profile and delete its tokens here.")
final class ProfileRemoveCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "The profile.")
  String name;

  @Override
  int run() throws Exception {
    ProfileCommand.existing(ctx(), name);
    Settings s = ctx().settings(name, Profile.EMPTY);
    ctx().store(s).clear();
    Config saved = ctx().configFile().update(c -> c.without(name));
    ctx().configChanged(saved);
    err()
        .println(
            "Profile "
                + name
                + " removed, and its tokens deleted here (not revoked at the"
                + " provider; 'lanyard logout' does that).");
    return CliError.OK;
  }
}
