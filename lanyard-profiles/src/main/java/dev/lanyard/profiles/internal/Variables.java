package dev.lanyard.profiles.internal;

import dev.lanyard.internal.env.DotEnv;
import dev.lanyard.profiles.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Environment variables as the command line sees them, with the rule of where secrets go
 * (docs/decisions/0017-where-secrets-go.md): a {@code .env} file in the working directory may be
 * planted by whoever made that directory, so it may provide secret values only, never anything that
 * chooses where a request goes or which files are read.
 *
 * <ul>
 *   <li>{@link #get}: settings, paths, the profile's name, {@code LANYARD_HOME} — from the process
 *       only.
 *   <li>{@link #secret}: the value of a secret a profile or flag names ({@code
 *       LANYARD_CLIENT_SECRET}, {@code LANYARD_PASSWORD}, {@code client_secret_env}, …) — from the
 *       process, else from {@code .env}. Such a value only ever goes to an endpoint the user's own
 *       configuration chose.
 * </ul>
 *
 * <p>The credential helpers ({@code git-credential}, {@code token --format exec-credential}) read
 * no {@code .env} at all: git and kubectl run them in directories the user did not pick.
 */
public final class Variables {
  private static final Logger LOG = LoggerFactory.getLogger(Variables.class);

  private final Map<String, String> process;
  private final Map<String, String> dotenv;

  private Variables(Map<String, String> process, Map<String, String> dotenv) {
    this.process = process;
    this.dotenv = dotenv;
  }

  /** The process's variables, and the {@code .env} file in the working directory for secrets. */
  public static Variables of(Surroundings env) {
    Path file = env.workingDirectory().resolve(".env");
    Map<String, String> dotenv = Map.of();
    try {
      if (Files.isRegularFile(file)) {
        dotenv = DotEnv.read(file);
      }
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage());
    }
    List<String> ignored = dotenv.keySet().stream().filter(Variables::picksWhere).toList();
    if (!ignored.isEmpty()) {
      LOG.warn(
          "Ignoring {} in {}: a .env file may give secret values only, never where they go;"
              + " set {} in the environment or the profile",
          String.join(", ", ignored),
          file,
          ignored.size() == 1 ? "it" : "them");
    }
    return new Variables(env.variables(), dotenv);
  }

  /** The process's variables alone: for the credential helpers. */
  public static Variables processOnly(Surroundings env) {
    return new Variables(env.variables(), Map.of());
  }

  /** A setting's variable, from the process only; empty when unset. */
  public Optional<String> get(String name) {
    return Optional.ofNullable(process.get(name));
  }

  /** As {@link #get}, null when unset: a {@code Function} for lookups. */
  public String getOrNull(String name) {
    return process.get(name);
  }

  /** A secret's value: from the process, else from {@code .env}; empty when unset. */
  public Optional<String> secret(String name) {
    String v = process.get(name);
    if (v == null || v.isEmpty()) {
      v = dotenv.get(name);
    }
    return Optional.ofNullable(v);
  }

  /**
   * What a provider plug-in sees: the process's variables, plus those of {@code .env} whose names
   * say they hold a secret (a password, key, secret or token). A plug-in's address settings never
   * come from {@code .env}.
   */
  public Map<String, String> forPlugin() {
    Map<String, String> all = new HashMap<>();
    dotenv.forEach(
        (name, value) -> {
          if (namesSecret(name)) {
            all.put(name, value);
          }
        });
    all.putAll(process);
    return all;
  }

  /** True for a name that holds a secret value: {@code PWD}, {@code PASSWORD}, {@code SECRET}… */
  public static boolean namesSecret(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    return upper.contains("PWD")
        || upper.contains("PASSWORD")
        || upper.contains("SECRET")
        || upper.contains("TOKEN")
        || upper.contains("KEY");
  }

  /** Lanyard's settings and the address-like names a .env file may not set. */
  private static boolean picksWhere(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (upper.equals("LANYARD_CLIENT_SECRET") || upper.equals("LANYARD_PASSWORD")) {
      return false;
    }
    return upper.startsWith("LANYARD_")
        || upper.endsWith("_URL")
        || upper.contains("ENDPOINT")
        || upper.contains("ISSUER");
  }
}
