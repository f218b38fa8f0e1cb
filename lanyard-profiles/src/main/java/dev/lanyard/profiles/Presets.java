package dev.lanyard.profiles;

import dev.lanyard.profiles.config.BuiltInPresets;
import dev.lanyard.profiles.config.ConfigException;
import java.util.List;

/**
 * The presets Lanyard ships: the public settings of services that document them. {@code cdse}: the
 * Copernicus Data Space Ecosystem's public client ({@code cdse-public}, password grant, token
 * endpoint {@code
 * https://identity.dataspace.copernicus.eu/auth/realms/CDSE/protocol/openid-connect/token}, as its
 * documentation gives them); {@code terrascope}: Terrascope's public client. Presets of one's own
 * go under {@code presets:} in {@code config.yaml} ({@link Profiles#preset}).
 */
public final class Presets {
  private Presets() {}

  /**
   * The built-in preset {@code name}.
   *
   * @throws ConfigException listing the built-in presets when there is none of that name
   */
  public static Preset named(String name) {
    return new Preset(
        name,
        BuiltInPresets.find(name)
            .orElseThrow(
                () ->
                    ConfigException.usage(
                        "unknown preset '"
                            + name
                            + "'; built-in presets: "
                            + String.join(", ", BuiltInPresets.names()))));
  }

  /** The names of the built-in presets. */
  public static List<String> names() {
    return BuiltInPresets.names();
  }
}
