package dev.lanyard.profiles.config;

import java.nio.file.Path;

/**
 * The configuration cannot be used: a syntax error, an unknown key, a value of the wrong kind, a
 * setting a profile needs and does not have. The message names the file (and the line or key) or
 * the setting, and never quotes a secret.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean usage;

  /** A configuration that cannot be used as it is. */
  public ConfigException(String message) {
    this(message, false);
  }

  private ConfigException(String message, boolean usage) {
    super(message, null, false, false);
    this.usage = usage;
  }

  /**
   * Something the caller must add or change before it can work: a missing issuer or client id, an
   * unknown preset or project, a variable that a profile names but that is not set. The command
   * line reports it as a usage error.
   */
  public static ConfigException usage(String message) {
    return new ConfigException(message, true);
  }

  /** True for {@link #usage} errors: the caller's settings are incomplete or name nothing known. */
  public boolean isUsage() {
    return usage;
  }

  static ConfigException at(Path file, int line, String message) {
    return new ConfigException(file + (line > 0 ? " line " + line : "") + ": " + message);
  }
}
