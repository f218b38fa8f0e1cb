package dev.lanyard.cli;

import dev.lanyard.TokenSet;
import dev.lanyard.profiles.config.Profile;
import dev.lanyard.profiles.internal.Settings;
import java.net.URI;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lanyard token}: a valid access token on standard output, renewed silently when it can be.
 * When a person must sign in, nothing goes to standard output and the exit code is 3.
 */
@Command(
    name = "token",
    header = "Print a valid access token on standard output.",
    description = {
      "Renews the token silently when it can (refresh token, client credentials).",
      "When a person must sign in, prints nothing on standard output and exits 3.",
      "kubectl: a kubeconfig user with exec: {command: lanyard, args: [token, --format,"
          + " exec-credential]}."
    })
final class TokenCommand extends BaseCommand {
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = TokenFormat.Converter.class,
      completionCandidates = TokenFormat.Names.class,
      description = "raw, header, json or exec-credential (default: raw).")
  TokenFormat format = TokenFormat.RAW;

  @Option(
      names = "--method",
      paramLabel = "M",
      description = "With --format header for a DPoP-bound token: the request's method.")
  String method;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "With --format header for a DPoP-bound token: the request's URL.")
  URI url;

  @Mixin FreshnessOptions freshness;

  @Override
  boolean readsDotEnv() {
    return format != TokenFormat.EXEC_CREDENTIAL;
  }

  @Override
  int run() throws Exception {
    String profile = profile();
    Settings s = ctx().settings(Profile.EMPTY);
    TokenSet tokens = Tokens.valid(ctx(), s, freshness.minValid, freshness.forceRefresh);
    out()
        .print(
            format.render(
                tokens,
                profile,
                ctx().vars().get("KUBERNETES_EXEC_INFO"),
                env().clock(),
                method,
                url));
    return CliError.OK;
  }
}
