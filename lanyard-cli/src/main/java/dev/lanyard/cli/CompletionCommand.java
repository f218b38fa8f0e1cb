package dev.lanyard.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** {@code lanyard completion}: a bash (and zsh) completion script on standard output. */
@Command(
    name = "completion",
    header = "Print a shell completion script for bash and zsh.",
    description = {
      "bash:  source <(lanyard completion)",
      "zsh:   autoload -U +X bashcompinit && bashcompinit && source <(lanyard completion)"
    })
final class CompletionCommand extends BaseCommand {
  @Override
  int run() {
    out().print(AutoComplete.bash("lanyard", spec.root().commandLine()));
    return CliError.OK;
  }
}
