package dev.lanyard.profiles.internal;

import dev.lanyard.internal.env.Variables;
import dev.lanyard.profiles.config.ConfigException;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;

/**
 * What profiles take from the process they run in: environment variables, working directory (where
 * {@code .env} is looked for and relative paths start), home folder, operating system, the clock
 * and the transport to the provider. The command line makes one from its environment; {@link
 * dev.lanyard.profiles.Profiles} from the real process.
 *
 * @param variables the process's environment variables (never those of a {@code .env} file)
 * @param workingDirectory where {@code .env} is looked for and relative paths start
 * @param userHome the person's home folder, for the platform's configuration folders
 * @param osName the operating system, as {@code os.name} spells it
 * @param clock the time
 * @param transport how the provider is called, before a profile's proxy and CA bundle
 */
public record Surroundings(
    Map<String, String> variables,
    Path workingDirectory,
    Path userHome,
    String osName,
    InstantSource clock,
    Transport transport) {

  /** Checks and copies. */
  public Surroundings {
    variables = Map.copyOf(variables);
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    Objects.requireNonNull(userHome, "userHome");
    Objects.requireNonNull(osName, "osName");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(transport, "transport");
  }

  /** The real process: its environment, working directory and home folder. */
  public static Surroundings system() {
    return new Surroundings(
        System.getenv(),
        Path.of("").toAbsolutePath(),
        Path.of(System.getProperty("user.home")),
        System.getProperty("os.name", "Linux"),
        InstantSource.system(),
        Transport.defaults());
  }

  /** A process variable (not from {@code .env}); null when unset. */
  public String variable(String name) {
    return variables.get(name);
  }

  /**
   * The variables with the {@code .env} file of the working directory for secrets only (core's
   * {@link Variables#read}).
   *
   * @throws ConfigException when the {@code .env} file exists and cannot be read
   */
  public Variables withDotEnv() {
    try {
      return Variables.read(variables, workingDirectory, "LANYARD");
    } catch (IOException e) {
      throw new ConfigException(
          "cannot read " + workingDirectory.resolve(".env") + ": " + e.getMessage());
    }
  }

  /** The process's variables alone: for the credential helpers. */
  public Variables processOnly() {
    return Variables.processOnly(variables);
  }
}
