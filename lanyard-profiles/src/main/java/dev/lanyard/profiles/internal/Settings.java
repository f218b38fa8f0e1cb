package dev.lanyard.profiles.internal;

import dev.lanyard.Scope;
import dev.lanyard.internal.env.Variables;
import dev.lanyard.profiles.config.Config;
import dev.lanyard.profiles.config.ConfigException;
import dev.lanyard.profiles.config.Flow;
import dev.lanyard.profiles.config.Profile;
import dev.lanyard.profiles.config.Projects;
import dev.lanyard.profiles.config.Setting;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The settings a command or program works with, after precedence: flags over environment variables
 * over the stored profile over its preset over defaults. ({@code .env} gives secret values only:
 * {@link Variables}.)
 */
public final class Settings {
  /** Tokens are renewed this long before they expire unless {@code skew} says otherwise. */
  public static final Duration DEFAULT_SKEW = Duration.ofSeconds(30);

  /** The variables that stand for settings; secrets are read where they are used. */
  private static final Map<String, Setting> FROM_ENVIRONMENT =
      Map.of(
          "LANYARD_ISSUER", Setting.ISSUER,
          "LANYARD_CLIENT_ID", Setting.CLIENT_ID,
          "LANYARD_USERNAME", Setting.USERNAME,
          "LANYARD_STORE", Setting.STORE);

  private final String profile;
  private final Profile stored;
  private final Profile own;
  private final Profile effective;

  private Settings(String profile, Profile stored, Profile own, Profile effective) {
    this.profile = profile;
    this.stored = stored;
    this.own = own;
    this.effective = effective;
  }

  /**
   * The settings of profile {@code profile}: {@code stored} (from {@code config.yaml}) under the
   * variables and {@code flags}, on top of the preset the result names (looked up in {@code
   * config}, then among the built-in ones).
   */
  public static Settings resolve(
      String profile, Profile stored, Variables vars, Profile flags, Config config) {
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
    Profile own = stored.overriddenBy(fromEnv).overriddenBy(flags);
    Profile effective = own;
    Optional<String> preset = effective.text(Setting.PRESET);
    if (preset.isPresent()) {
      Profile base = config.preset(preset.get());
      // projects of the preset and of the profile add up; a profile's entry wins
      Projects projects = base.projects().overriddenBy(effective.projects());
      effective = base.overriddenBy(effective);
      if (!projects.names().isEmpty()) {
        effective = effective.with(Setting.PROJECTS, projects);
      }
    }
    return new Settings(profile, stored, own, effective);
  }

  /** The profile's name. */
  public String profile() {
    return profile;
  }

  /** What {@code config.yaml} holds for the profile (empty when it has none). */
  public Profile stored() {
    return stored;
  }

  /** The settings in force without what the preset provides: what a profile records. */
  public Profile own() {
    return own;
  }

  /** The settings in force. */
  public Profile effective() {
    return effective;
  }

  public Optional<URI> issuer() {
    return effective.issuer();
  }

  public Optional<String> clientId() {
    return effective.clientId();
  }

  public Optional<URI> endpoint(Setting setting) {
    return effective.uri(setting);
  }

  public Optional<String> text(Setting setting) {
    return effective.text(setting);
  }

  /** A true/false setting; false when unset. */
  public boolean flag(Setting setting) {
    return effective.text(setting).map("true"::equals).orElse(false);
  }

  /** The flow set, else browser where a browser can open, else device. */
  public Flow flow(Surroundings env) {
    return effective.flow().orElseGet(() -> hasDisplay(env) ? Flow.BROWSER : Flow.DEVICE);
  }

  /** The flow set, if any; no default. */
  public Optional<Flow> flowSet() {
    return effective.flow();
  }

  /**
   * The scopes to ask for: {@code scopes}, plus the audience scope of {@code project} (looked up by
   * name in {@code projects}, for {@code environment}).
   *
   * @throws ConfigException (usage) listing the known projects when {@code project} names none
   */
  public Scope scope() {
    List<String> scopes = effective.scopes();
    Scope scope = scopes.isEmpty() ? Scope.EMPTY : Scope.of(scopes.toArray(String[]::new));
    Optional<String> project = effective.text(Setting.PROJECT);
    if (project.isPresent()) {
      String id = effective.projects().id(project.get(), effective.text(Setting.ENVIRONMENT));
      scope = scope.union(Scope.of(Projects.audienceScope(id)));
    }
    return scope;
  }

  /** The {@code store} setting: empty or {@code file} for the token file, else a Redis URI. */
  public Optional<String> store() {
    return effective.text(Setting.STORE);
  }

  /** The variable that holds the shared store's key, if set in the profile. */
  public Optional<String> storeKeyEnv() {
    return effective.text(Setting.STORE_KEY_ENV);
  }

  public Duration skew() {
    return effective.duration(Setting.SKEW).orElse(DEFAULT_SKEW);
  }

  /**
   * The id of the provider plug-in the profile signs in to ({@code provider}, e.g. {@code
   * labarchives}), for a service that is not OAuth; empty for an OAuth profile.
   */
  public Optional<String> plugin() {
    return effective.text(Setting.PROVIDER);
  }

  /** True when the provider can be called: an issuer or an explicit token endpoint. */
  public boolean hasProvider() {
    return issuer().isPresent() || endpoint(Setting.TOKEN_ENDPOINT).isPresent();
  }

  /** The issuer part of the token file's identity: issuer, else token endpoint, else static. */
  public String storeIssuer() {
    return issuer().or(() -> endpoint(Setting.TOKEN_ENDPOINT)).map(URI::toString).orElse("static");
  }

  /** The client part of the token file's identity. */
  public String storeClient() {
    return clientId().orElse("none");
  }

  /** Fails with a usage error unless there is an issuer or token endpoint. */
  public void requireProvider() {
    if (!hasProvider()) {
      throw ConfigException.usage(
          "no issuer for profile '"
              + profile
              + "': pass --issuer URL, set LANYARD_ISSUER, or run"
              + " lanyard profile set "
              + profile
              + " issuer=URL");
    }
  }

  /** The client id; a usage error when none is set. */
  public String requireClientId() {
    return clientId()
        .orElseThrow(
            () ->
                ConfigException.usage(
                    "no client id for profile '"
                        + profile
                        + "': pass --client-id ID or set"
                        + " LANYARD_CLIENT_ID"));
  }

  /** The extra parameters of sign-in requests: {@code parameters} plus {@code audience}. */
  public Map<String, String> parameters() {
    Map<String, String> all = new java.util.LinkedHashMap<>(effective.parameters());
    effective.text(Setting.AUDIENCE).ifPresent(a -> all.put("audience", a));
    return all;
  }

  /** True where a browser can open: not Linux/BSD without {@code DISPLAY} or Wayland. */
  public static boolean hasDisplay(Surroundings env) {
    String os = env.osName().toLowerCase(Locale.ROOT);
    if (os.startsWith("mac") || os.startsWith("windows")) {
      return true;
    }
    return nonEmpty(env.variable("DISPLAY")) || nonEmpty(env.variable("WAYLAND_DISPLAY"));
  }

  private static boolean nonEmpty(String s) {
    return s != null && !s.isEmpty();
  }
}
