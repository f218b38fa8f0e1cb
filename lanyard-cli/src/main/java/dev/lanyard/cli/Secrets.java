package dev.lanyard.cli;

import dev.lanyard.cli.config.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where secrets come from: a named environment variable, a file, standard input when it is piped,
 * or a prompt that does not echo. Never a config file, and never the command line without a
 * warning. Nothing here prints a secret, and error messages name only where one was looked for.
 */
final class Secrets {
  /** Larger is not a secret someone meant to pass. */
  private static final int MAX_BYTES = 64 * 1024;

  private final Environment env;
  private final Variables vars;

  Secrets(Environment env, Variables vars) {
    this.env = env;
    this.vars = vars;
  }

  /**
   * The client secret: {@code --client-secret-env}/{@code --client-secret-file} (in {@code flags}),
   * else {@code LANYARD_CLIENT_SECRET}, else the profile's {@code client_secret_env} or {@code
   * client_secret_file}; empty for a public client.
   */
  Optional<String> clientSecret(Settings s, String envFlag, String fileFlag) throws IOException {
    if (envFlag != null) {
      return Optional.of(variable(envFlag, "--client-secret-env"));
    }
    if (fileFlag != null) {
      return Optional.of(file(Path.of(fileFlag)));
    }
    Optional<String> fromEnv = vars.secret("LANYARD_CLIENT_SECRET").filter(v -> !v.isEmpty());
    if (fromEnv.isPresent()) {
      return fromEnv;
    }
    Optional<String> var = s.stored().text(Setting.CLIENT_SECRET_ENV);
    if (var.isPresent()) {
      return Optional.of(variable(var.get(), "client_secret_env of profile '" + s.profile() + "'"));
    }
    Optional<String> path = s.stored().text(Setting.CLIENT_SECRET_FILE);
    if (path.isPresent()) {
      return Optional.of(file(Path.of(path.get())));
    }
    return Optional.empty();
  }

  /**
   * The password without asking: {@code --password-env}, else {@code LANYARD_PASSWORD}, else the
   * profile's {@code password_env}.
   */
  Optional<String> passwordWithoutPrompt(Settings s, String envFlag) {
    if (envFlag != null) {
      return Optional.of(variable(envFlag, "--password-env"));
    }
    Optional<String> fromEnv = vars.secret("LANYARD_PASSWORD").filter(v -> !v.isEmpty());
    if (fromEnv.isPresent()) {
      return fromEnv;
    }
    return s.stored()
        .text(Setting.PASSWORD_ENV)
        .map(v -> variable(v, "password_env of profile '" + s.profile() + "'"));
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
      return variable(envFlag, "--token-env");
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

  private String variable(String name, String origin) {
    return vars.secret(name)
        .filter(v -> !v.isEmpty())
        .orElseThrow(
            () -> CliError.usage("the variable " + name + " (named by " + origin + ") is not set"));
  }

  private static String file(Path path) throws IOException {
    if (Files.size(path) > MAX_BYTES) {
      throw CliError.usage(path + " is larger than 64 KiB; that is not a secret");
    }
    String text = Files.readString(path, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      throw CliError.usage(path + " is empty; expected a secret");
    }
    return text;
  }
}
