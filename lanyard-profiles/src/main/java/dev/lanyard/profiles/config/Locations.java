package dev.lanyard.profiles.config;

import dev.lanyard.internal.files.StateFolder;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * Where the command line keeps its files.
 *
 * <ul>
 *   <li>{@code LANYARD_HOME} set: {@code $LANYARD_HOME/config.yaml} and {@code
 *       $LANYARD_HOME/tokens/}.
 *   <li>Linux and other Unix: {@code $XDG_CONFIG_HOME/lanyard/config.yaml} (default {@code
 *       ~/.config}) and {@code $XDG_STATE_HOME/lanyard/tokens/} (default {@code ~/.local/state}):
 *       tokens are state, not configuration to copy between machines.
 *   <li>macOS: {@code ~/Library/Application Support/lanyard/} for both.
 *   <li>Windows: {@code %APPDATA%\lanyard\} for both.
 * </ul>
 *
 * @param configFile the config file
 * @param tokenDirectory the folder of the token files, one per (issuer, client, profile)
 * @param origin how these were chosen, for {@code lanyard status}
 */
public record Locations(Path configFile, Path tokenDirectory, String origin) {

  /** The locations for these variables, operating system and home folder. */
  public static Locations resolve(
      Function<String, String> variables, String osName, Path userHome, Path workingDirectory) {
    String home = nonEmpty(variables.apply("LANYARD_HOME"));
    if (home != null) {
      if (!Path.of(home).isAbsolute()) {
        // relative to wherever lanyard runs: git runs its helper at a repository's top folder,
        // so a relative LANYARD_HOME would read a config (and send secrets) that repository chose
        throw new ConfigException(
            "LANYARD_HOME must be an absolute path, was '"
                + home
                + "'; a relative one would depend on the working directory");
      }
      Path base = Path.of(home).toAbsolutePath().normalize();
      return new Locations(
          base.resolve("config.yaml"), tokens(variables, osName, userHome), "LANYARD_HOME");
    }
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("mac") || os.startsWith("darwin")) {
      Path base = userHome.resolve("Library").resolve("Application Support").resolve("lanyard");
      return new Locations(
          base.resolve("config.yaml"), tokens(variables, osName, userHome), "macOS default");
    }
    if (os.startsWith("windows")) {
      Path roaming = xdg(variables, "APPDATA", userHome.resolve("AppData").resolve("Roaming"));
      Path base = roaming.resolve("lanyard");
      return new Locations(
          base.resolve("config.yaml"), tokens(variables, osName, userHome), "%APPDATA%");
    }
    Path config = xdg(variables, "XDG_CONFIG_HOME", userHome.resolve(".config"));
    return new Locations(
        config.resolve("lanyard").resolve("config.yaml"),
        tokens(variables, osName, userHome),
        "XDG base directories");
  }

  /** The token folder: the one rule core's interactive session uses too. */
  private static Path tokens(Function<String, String> variables, String osName, Path userHome) {
    return StateFolder.tokens(variables, osName, userHome);
  }

  /** A folder variable, ignored unless absolute (as the XDG specification says). */
  private static Path xdg(Function<String, String> variables, String name, Path fallback) {
    String v = nonEmpty(variables.apply(name));
    if (v != null) {
      Path p = Path.of(v);
      if (p.isAbsolute()) {
        return p;
      }
    }
    return fallback;
  }

  private static String nonEmpty(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
