package dev.lanyard.cli;

import dev.lanyard.Scope;
import dev.lanyard.cli.config.ConfigException;
import dev.lanyard.cli.config.Flow;
import dev.lanyard.cli.config.Profile;
import dev.lanyard.cli.config.Setting;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The settings a command works with, after precedence: flags over environment variables over {@code
 * .env} over the stored profile over defaults.
 */
final class Settings {
  static final Duration DEFAULT_SKEW = Duration.ofSeconds(30);

  /** The variables that stand for settings; secrets are read where they are used. */
  private static final Map<String, Setting> FROM_ENVIRONMENT =
      Map.of(
          "LANYARD_ISSUER", Setting.ISSUER,
          "LANYARD_CLIENT_ID", Setting.CLIENT_ID,
          "LANYARD_USERNAME", Setting.USERNAME,
          "LANYARD_STORE", Setting.STORE);

  private final String profile;
  private final Profile stored;
  private final Profile effective;

  private Settings(String profile, Profile stored, Profile effective) {
    this.profile = profile;
    this.stored = stored;
    this.effective = effective;
  }

  static Settings resolve(String profile, Profile stored, Variables vars, Profile flags) {
    Profile fromEnv = Profile.EMPTY;
    for (Map.Entry<String, Setting> e : FROM_ENVIRONMENT.entrySet()) {
      Optional<String> v = vars.get(e.getKey()).filter(s -> !s.isBlank());
      if (v.isPresent()) {
        try {
          fromEnv = fromEnv.withText(e.getValue(), v.get());
        } catch (IllegalArgumentException x) {
          throw new ConfigException(e.getKey() + ": " + x.getMessage());
        }
      }
    }
    return new Settings(profile, stored, stored.overriddenBy(fromEnv).overriddenBy(flags));
  }

  /** The profile's name. */
  String profile() {
    return profile;
  }

  /** What {@code config.yaml} holds for the profile (empty when it has none). */
  Profile stored() {
    return stored;
  }

  /** The settings in force. */
  Profile effective() {
    return effective;
  }

  Optional<URI> issuer() {
    return effective.issuer();
  }

  Optional<String> clientId() {
    return effective.clientId();
  }

  Optional<URI> endpoint(Setting setting) {
    return effective.uri(setting);
  }

  Optional<String> text(Setting setting) {
    return effective.text(setting);
  }

  /** A true/false setting; false when unset. */
  boolean flag(Setting setting) {
    return effective.text(setting).map("true"::equals).orElse(false);
  }

  /** The flow set, else browser where a browser can open, else device. */
  Flow flow(Environment env) {
    return effective.flow().orElseGet(() -> hasDisplay(env) ? Flow.BROWSER : Flow.DEVICE);
  }

  /** The flow set, if any; no default. */
  Optional<Flow> flowSet() {
    return effective.flow();
  }

  Scope scope() {
    List<String> scopes = effective.scopes();
    return scopes.isEmpty() ? Scope.EMPTY : Scope.of(scopes.toArray(String[]::new));
  }

  /** The {@code store} setting: empty or {@code file} for the token file, else a Redis URI. */
  Optional<String> store() {
    return effective.text(Setting.STORE);
  }

  /** The variable that holds the shared store's key, if set in the profile. */
  Optional<String> storeKeyEnv() {
    return effective.text(Setting.STORE_KEY_ENV);
  }

  Duration skew() {
    return effective.duration(Setting.SKEW).orElse(DEFAULT_SKEW);
  }

  /**
   * The id of the provider plug-in the profile signs in to ({@code provider}, e.g. {@code
   * labarchives}), for a service that is not OAuth; empty for an OAuth profile.
   */
  Optional<String> plugin() {
    return effective.text(Setting.PROVIDER);
  }

  /** True when the provider can be called: an issuer or an explicit token endpoint. */
  boolean hasProvider() {
    return issuer().isPresent() || endpoint(Setting.TOKEN_ENDPOINT).isPresent();
  }

  /** The issuer part of the token file's identity: issuer, else token endpoint, else static. */
  String storeIssuer() {
    return issuer().or(() -> endpoint(Setting.TOKEN_ENDPOINT)).map(URI::toString).orElse("static");
  }

  /** The client part of the token file's identity. */
  String storeClient() {
    return clientId().orElse("none");
  }

  /** Fails with a usage error unless there is an issuer or token endpoint. */
  void requireProvider() {
    if (!hasProvider()) {
      throw CliError.usage(
          "no issuer for profile '"
              + profile
              + "': pass --issuer URL, set LANYARD_ISSUER, or run"
              + " lanyard profile set "
              + profile
              + " issuer=URL");
    }
  }

  /** The client id; a usage error when none is set. */
  String requireClientId() {
    return clientId()
        .orElseThrow(
            () ->
                CliError.usage(
                    "no client id for profile '"
                        + profile
                        + "': pass --client-id ID or set"
                        + " LANYARD_CLIENT_ID"));
  }

  /** The extra parameters of sign-in requests: {@code parameters} plus {@code audience}. */
  Map<String, String> parameters() {
    Map<String, String> all = new java.util.LinkedHashMap<>(effective.parameters());
    effective.text(Setting.AUDIENCE).ifPresent(a -> all.put("audience", a));
    return all;
  }

  /** True where a browser can open: not Linux/BSD without {@code DISPLAY} or Wayland. */
  static boolean hasDisplay(Environment env) {
    String os = env.osName().toLowerCase(Locale.ROOT);
    if (os.startsWith("mac") || os.startsWith("windows")) {
      return true;
    }
    return env.variable("DISPLAY").filter(s -> !s.isEmpty()).isPresent()
        || env.variable("WAYLAND_DISPLAY").filter(s -> !s.isEmpty()).isPresent();
  }
}
