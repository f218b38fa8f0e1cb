package dev.lanyard.profiles.config;

import java.util.List;
import java.util.Optional;

/**
 * The presets Lanyard ships: public clients whose settings their services document. A preset is a
 * profile's settings without a name; a profile (or {@code lanyard login --preset NAME}) starts from
 * it and overrides what it sets. A {@code presets:} entry of the same name in {@code config.yaml}
 * replaces a built-in one.
 */
public final class BuiltInPresets {
  private BuiltInPresets() {}

  /** The names of the built-in presets. */
  public static List<String> names() {
    return List.of("cdse", "terrascope");
  }

  /** The built-in preset {@code name}, if there is one. */
  public static Optional<Profile> find(String name) {
    return switch (name) {
      // Copernicus Data Space Ecosystem, public client "cdse-public" with the password grant (and
      // a one-time code as `totp` when two-factor authentication is on), as documented in
      // https://documentation.dataspace.copernicus.eu/APIs/Token.html
      case "cdse" ->
          Optional.of(
              Profile.EMPTY
                  .withText(
                      Setting.TOKEN_ENDPOINT,
                      "https://identity.dataspace.copernicus.eu/auth/realms/CDSE/protocol/"
                          + "openid-connect/token")
                  .withText(Setting.CLIENT_ID, "cdse-public")
                  .withText(Setting.CLIENT_AUTH, "none")
                  .withText(Setting.FLOW, "password"));
      // Terrascope (VITO), public client "public" with the password grant, as documented in
      // https://docs.terrascope.be/Developers/WebServices/Authentication/Authentication.html
      case "terrascope" ->
          Optional.of(
              Profile.EMPTY
                  .withText(
                      Setting.TOKEN_ENDPOINT,
                      "https://sso.terrascope.be/auth/realms/terrascope/protocol/"
                          + "openid-connect/token")
                  .withText(Setting.CLIENT_ID, "public")
                  .withText(Setting.CLIENT_AUTH, "none")
                  .withText(Setting.FLOW, "password"));
      default -> Optional.empty();
    };
  }
}
