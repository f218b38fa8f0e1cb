package dev.lanyard.internal.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Environment variables with the rule of where secrets go
 * (docs/decisions/0017-where-secrets-go.md): a {@code .env} file in the working directory may be
 * planted by whoever made that directory, so it may provide secret values only, never anything that
 * chooses where a request goes or which files are read. The one implementation of that rule, for
 * the command line, profiles and {@code TokenSession.fromEnvironment}.
 *
 * <ul>
 *   <li>{@link #get}: settings, addresses, paths, names — from the process only.
 *   <li>{@link #secret}: the value of a secret the configuration names ({@code
 *       LANYARD_CLIENT_SECRET}, {@code LANYARD_PASSWORD}, a profile's {@code client_secret_env}, …)
 *       — from the process, else from {@code .env}. Such a value only ever goes to an endpoint the
 *       user's own configuration chose.
 * </ul>
 */
public final class Variables {
  private final Map<String, String> process;
  private final Map<String, String> dotenv;

  private Variables(Map<String, String> process, Map<String, String> dotenv) {
    this.process = process;
    this.dotenv = dotenv;
  }

  /**
   * The process's variables, and the {@code .env} file of {@code workingDirectory} for secrets.
   * Names in {@code .env} that would choose where things go — {@code PREFIX_…} other than {@code
   * PREFIX_CLIENT_SECRET} and {@code PREFIX_PASSWORD}, {@code …_URL}, {@code …ENDPOINT…}, {@code
   * …ISSUER…} — are named in one warning and never read.
   *
   * @param prefix the settings' prefix, e.g. {@code LANYARD}
   * @throws IOException when the {@code .env} file exists and cannot be read
   */
  public static Variables read(Map<String, String> process, Path workingDirectory, String prefix)
      throws IOException {
    Path file = workingDirectory.resolve(".env");
    Map<String, String> dotenv = Files.isRegularFile(file) ? DotEnv.read(file) : Map.of();
    List<String> ignored = new ArrayList<>(); // a loop, not a stream: nothing to link at start-up
    for (String name : dotenv.keySet()) {
      if (picksWhere(name, prefix)) {
        ignored.add(name);
      }
    }
    if (!ignored.isEmpty()) {
      // The logger only when there is something to say: SLF4J's start-up is on every `lanyard
      // token` otherwise (docs/performance.md).
      Logger log = LoggerFactory.getLogger(Variables.class);
      log.warn(
          "Ignoring {} in {}: a .env file may give secret values only, never where they go;"
              + " set {} in the environment{}",
          String.join(", ", ignored),
          file,
          ignored.size() == 1 ? "it" : "them",
          prefix.equals("LANYARD") ? " or the profile" : "");
    }
    return new Variables(Map.copyOf(process), dotenv);
  }

  /** The process's variables alone, no {@code .env}: for the credential helpers. */
  public static Variables processOnly(Map<String, String> process) {
    return new Variables(Map.copyOf(process), Map.of());
  }

  /** A setting's variable, from the process only; empty when unset. */
  public Optional<String> get(String name) {
    return Optional.ofNullable(process.get(name));
  }

  /** As {@link #get}, null when unset: a {@code Function} for lookups. */
  public @Nullable String getOrNull(String name) {
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

  /** The settings of {@code prefix} and the address-like names a .env file may not set. */
  static boolean picksWhere(String name, String prefix) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (upper.equals(prefix + "_CLIENT_SECRET") || upper.equals(prefix + "_PASSWORD")) {
      return false;
    }
    return upper.startsWith(prefix + "_")
        || upper.endsWith("_URL")
        || upper.contains("ENDPOINT")
        || upper.contains("ISSUER");
  }
}
