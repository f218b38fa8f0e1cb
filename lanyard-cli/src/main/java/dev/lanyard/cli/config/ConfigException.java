package dev.lanyard.cli.config;

import java.nio.file.Path;

/**
 * The configuration cannot be used: a syntax error, an unknown key, a value of the wrong kind. The
 * message names the file (and the line or key) and never quotes a secret.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message, null, false, false);
  }

  static ConfigException at(Path file, int line, String message) {
    return new ConfigException(file + (line > 0 ? " line " + line : "") + ": " + message);
  }
}
