package dev.lanyard.profiles.internal;

import dev.lanyard.internal.env.Variables;
import dev.lanyard.profiles.config.ConfigException;
import dev.lanyard.profiles.config.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a profile's secrets come from without asking a person: a named environment variable (from
 * the process, else from {@code .env}) or a file the profile names. Never a config file. Nothing
 * here returns a secret in a message: errors name only where one was looked for.
 */
public final class SecretSources {
  /** Larger is not a secret someone meant to pass. */
  public static final int MAX_BYTES = 64 * 1024;

  private final Surroundings env;
  private final Variables vars;

  /** Secrets from these variables, files relative to the surroundings' folders. */
  public SecretSources(Surroundings env, Variables vars) {
    this.env = env;
    this.vars = vars;
  }

  /**
   * The client secret: {@code envFlag}/{@code fileFlag} (the command line's {@code
   * --client-secret-env}/{@code --client-secret-file}, null when not given), else {@code
   * LANYARD_CLIENT_SECRET}, else the profile's {@code client_secret_env} or {@code
   * client_secret_file}; empty for a public client.
   */
  public Optional<String> clientSecret(Settings s, String envFlag, String fileFlag)
      throws IOException {
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
    Optional<String> var = s.effective().text(Setting.CLIENT_SECRET_ENV);
    if (var.isPresent()) {
      return Optional.of(variable(var.get(), "client_secret_env of profile '" + s.profile() + "'"));
    }
    Optional<String> path = s.effective().text(Setting.CLIENT_SECRET_FILE);
    if (path.isPresent()) {
      return Optional.of(file(Network.path(env, path.get())));
    }
    return Optional.empty();
  }

  /**
   * The password without asking: {@code envFlag} ({@code --password-env}), else {@code
   * LANYARD_PASSWORD}, else the profile's {@code password_env}.
   */
  public Optional<String> password(Settings s, String envFlag) {
    if (envFlag != null) {
      return Optional.of(variable(envFlag, "--password-env"));
    }
    Optional<String> fromEnv = vars.secret("LANYARD_PASSWORD").filter(v -> !v.isEmpty());
    if (fromEnv.isPresent()) {
      return fromEnv;
    }
    return s.effective()
        .text(Setting.PASSWORD_ENV)
        .map(v -> variable(v, "password_env of profile '" + s.profile() + "'"));
  }

  /** The value of variable {@code name}; a usage error naming {@code origin} when unset. */
  public String variable(String name, String origin) {
    return vars.secret(name)
        .filter(v -> !v.isEmpty())
        .orElseThrow(
            () ->
                ConfigException.usage(
                    "the variable " + name + " (named by " + origin + ") is not set"));
  }

  /** The secret in {@code path}, stripped; a usage error when it is empty or too large. */
  public static String file(Path path) throws IOException {
    if (Files.size(path) > MAX_BYTES) {
      throw ConfigException.usage(path + " is larger than 64 KiB; that is not a secret");
    }
    String text = Files.readString(path, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      throw ConfigException.usage(path + " is empty; expected a secret");
    }
    return text;
  }
}
