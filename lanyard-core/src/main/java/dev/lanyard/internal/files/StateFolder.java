package dev.lanyard.internal.files;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The folder of a person's token files, as the command line resolves it: {@code
 * $LANYARD_HOME/tokens}; else {@code $XDG_STATE_HOME/lanyard/tokens} (default {@code
 * ~/.local/state}) on Linux and other Unix, {@code ~/Library/Application Support/lanyard/tokens} on
 * macOS, {@code %APPDATA%\lanyard\tokens} on Windows. Tokens are state, not configuration to copy
 * between machines. A relative {@code LANYARD_HOME} is refused (it would depend on the working
 * directory, which may be a repository someone else chose); a relative XDG variable is ignored, as
 * the XDG specification says.
 */
public final class StateFolder {
  private StateFolder() {}

  /** The token folder of this process's user. */
  public static Path tokens() {
    return tokens(System::getenv, System.getProperty("os.name", ""), userHome());
  }

  /**
   * The token folder for these variables, operating system and home folder.
   *
   * @throws IllegalStateException when {@code LANYARD_HOME} is not an absolute path
   */
  public static Path tokens(
      Function<String, @Nullable String> variables, String osName, Path userHome) {
    String home = nonBlank(variables.apply("LANYARD_HOME"));
    if (home != null) {
      if (!Path.of(home).isAbsolute()) {
        throw new IllegalStateException(
            "LANYARD_HOME must be an absolute path, was '"
                + home
                + "'; a relative one would depend on the working directory");
      }
      return Path.of(home).normalize().resolve("tokens");
    }
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("mac") || os.startsWith("darwin")) {
      return userHome
          .resolve("Library")
          .resolve("Application Support")
          .resolve("lanyard")
          .resolve("tokens");
    }
    if (os.startsWith("windows")) {
      String appData = nonBlank(variables.apply("APPDATA"));
      Path roaming =
          appData != null && Path.of(appData).isAbsolute()
              ? Path.of(appData)
              : userHome.resolve("AppData").resolve("Roaming");
      return roaming.resolve("lanyard").resolve("tokens");
    }
    String state = nonBlank(variables.apply("XDG_STATE_HOME"));
    Path base =
        state != null && Path.of(state).isAbsolute()
            ? Path.of(state)
            : userHome.resolve(".local").resolve("state");
    return base.resolve("lanyard").resolve("tokens");
  }

  private static Path userHome() {
    return Path.of(System.getProperty("user.home", ""));
  }

  private static @Nullable String nonBlank(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
