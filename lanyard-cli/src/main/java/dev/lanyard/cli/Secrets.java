package dev.lanyard.cli;

import dev.lanyard.internal.env.Variables;
import dev.lanyard.profiles.internal.SecretSources;
import dev.lanyard.profiles.internal.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where secrets come from: a named environment variable, a file, standard input when it is piped,
 * or a prompt that does not echo. Never a config file, and never the command line without a
 * warning. Nothing here prints a secret, and error messages name only where one was looked for.
 */
final class Secrets {
  /** Larger is not a secret someone meant to pass. */
  private static final int MAX_BYTES = SecretSources.MAX_BYTES;

  private final Environment env;
  private final SecretSources sources;

  Secrets(Environment env, Variables vars) {
    this.env = env;
    this.sources = new SecretSources(env.surroundings(), vars);
  }

  /** The client secret from flags, variables or the profile; empty for a public client. */
  Optional<String> clientSecret(Settings s, String envFlag, String fileFlag) throws IOException {
    return sources.clientSecret(s, envFlag, fileFlag);
  }

  /**
   * The password without asking: {@code --password-env}, else {@code LANYARD_PASSWORD}, else the
   * profile's {@code password_env}.
   */
  Optional<String> passwordWithoutPrompt(Settings s, String envFlag) {
    return sources.password(s, envFlag);
  }

  /** As {@link #passwordWithoutPrompt}, else a hidden prompt. */
  String password(Settings s, String envFlag, String username) {
    return passwordWithoutPrompt(s, envFlag)
        .orElseGet(
            () ->
                prompt("Password for " + username + ": ")
                    .orElseThrow(
                        () ->
                            CliError.usage(
                                "no password: set LANYARD_PASSWORD, pass --password-env VAR, or"
                                    + " run in a terminal to be asked")));
  }

  /**
   * A token pasted by a person: from {@code --token-env VAR}, else standard input when piped, else
   * a hidden prompt.
   */
  String pastedToken(String what, String envFlag) throws IOException {
    if (envFlag != null) {
      return sources.variable(envFlag, "--token-env");
    }
    if (!env.stdinTerminal()) {
      byte[] bytes = env.stdin().readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw CliError.usage("standard input is larger than 64 KiB; that is not a " + what);
      }
      String text = new String(bytes, StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        throw CliError.usage(
            "no "
                + what
                + " on standard input: pipe it in, pass --token-env VAR, or run in a"
                + " terminal to be asked");
      }
      if (text.contains("\n")) {
        throw CliError.usage("standard input holds more than one line; expected only the " + what);
      }
      return text;
    }
    return prompt("Paste the " + what + " (it will not be shown): ")
        .orElseThrow(
            () ->
                CliError.usage(
                    "no " + what + ": pipe it on standard input or pass --token-env VAR"));
  }

  /** A secret typed at the terminal without echo; empty when there is no terminal or no input. */
  Optional<String> prompt(String label) {
    if (!env.stdinTerminal()) {
      return Optional.empty();
    }
    return env.prompt().read(label).map(String::new).map(String::strip).filter(v -> !v.isEmpty());
  }
}
