package dev.lanyard.cli;

import dev.lanyard.TokenSet;
import dev.lanyard.profiles.config.Durations;
import dev.lanyard.profiles.config.Profile;
import dev.lanyard.profiles.internal.Settings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code lanyard token} from a warm cache without building the command tree: picocli's model of
 * every subcommand costs more start-up time than the JVM itself, and its class files are too old
 * for class-data sharing. Only the plain form is handled ({@code [--profile P] token [--format F]
 * [--min-valid D]}, in any order) and only when the stored token is valid; anything else, and every
 * failure, goes the full way through {@link Lanyard#commandLine}, which gives the same answer for
 * the same files. See decision 0006.
 */
final class FastToken {
  /** Not answered here: take the full path. */
  static final int NOT_HANDLED = -1;

  private FastToken() {}

  /** The exit code when the token was printed, else {@link #NOT_HANDLED} with nothing printed. */
  static int answer(String[] args, Environment env, PrintWriter out) {
    String profile = null;
    TokenFormat format = TokenFormat.RAW;
    Duration minValid = Duration.ZERO;
    boolean sawToken = false;
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        String value = null;
        int eq = a.indexOf('=');
        String name = a.startsWith("--") && eq > 0 ? a.substring(0, eq) : a;
        if (name.equals("--profile") || name.equals("--format") || name.equals("--min-valid")) {
          value =
              eq > 0 && a.startsWith("--")
                  ? a.substring(eq + 1)
                  : ++i < args.length ? args[i] : null;
          if (value == null) {
            return NOT_HANDLED;
          }
        }
        switch (name) {
          case "token" -> {
            if (sawToken) {
              return NOT_HANDLED;
            }
            sawToken = true;
          }
          case "--profile" -> profile = value;
          case "--format" -> {
            if (!sawToken) {
              return NOT_HANDLED;
            }
            format = TokenFormat.parse(value);
          }
          case "--min-valid" -> {
            if (!sawToken) {
              return NOT_HANDLED;
            }
            minValid = Durations.parse(value);
          }
          default -> {
            return NOT_HANDLED;
          }
        }
      }
      if (!sawToken) {
        return NOT_HANDLED;
      }
      Context ctx = new Context(env, profile, format != TokenFormat.EXEC_CREDENTIAL);
      Settings s = ctx.settings(Profile.EMPTY);
      Optional<TokenSet> cached = Tokens.cached(ctx, s, minValid);
      if (cached.isEmpty()) {
        return NOT_HANDLED;
      }
      String text =
          format.render(
              cached.get(), s.profile(), ctx.vars().get("KUBERNETES_EXEC_INFO"), env.clock());
      out.print(text);
      out.flush();
      return CliError.OK;
    } catch (RuntimeException e) {
      return NOT_HANDLED; // the full path reports it properly
    }
  }
}
