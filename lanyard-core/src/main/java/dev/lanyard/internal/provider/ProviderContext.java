package dev.lanyard.internal.provider;

import dev.lanyard.transport.Transport;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link CallbackProviderFactory} configures a provider from: explicit settings (a profile,
 * command-line flags), the environment, the working directory (for files such as {@code .env}), how
 * to call the provider, and the clock. Tests pass their own environment and folder.
 *
 * <pre>{@code
 * ProviderContext context = ProviderContext.of(Map.of("API_URL", "https://auapi.labarchives.com"));
 * }</pre>
 *
 * @param settings explicit settings by name; they win over the environment
 * @param environment environment variables, by name
 * @param workingDirectory where relative files are looked for
 * @param transport how the provider is called (timeouts, proxy, trusted certificates)
 * @param clock the clock for expiry times and signatures
 */
public record ProviderContext(
    Map<String, String> settings,
    Map<String, String> environment,
    Path workingDirectory,
    Transport transport,
    InstantSource clock) {

  /** Copies the maps, so later changes to the caller's maps do not reach the provider. */
  public ProviderContext {
    settings = Map.copyOf(Objects.requireNonNull(settings, "settings"));
    environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * These settings with this process's environment and working directory, the default transport and
   * the system clock.
   */
  public static ProviderContext of(Map<String, String> settings) {
    return new ProviderContext(
        settings,
        System.getenv(),
        Path.of("").toAbsolutePath(),
        Transport.defaults(),
        InstantSource.system());
  }

  /** Shows the setting names, never values (a setting may be a secret). */
  @Override
  public String toString() {
    return "ProviderContext{settings="
        + settings.keySet()
        + ", workingDirectory="
        + workingDirectory
        + ", transport="
        + transport
        + '}';
  }
}
