package dev.lanyard.cli;

import dev.lanyard.cli.config.Config;
import dev.lanyard.cli.config.ConfigFile;
import dev.lanyard.cli.config.Locations;
import dev.lanyard.cli.config.Profile;
import dev.lanyard.store.FileTokenStore;
import dev.lanyard.store.TokenStore;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What one command run works with, each part made when first asked for: the variables, where the
 * files are, the config, the profile's name and settings.
 */
final class Context {
  private final Environment env;
  private final String profileFlag;
  private final boolean dotEnv;
  private Variables vars;
  private Locations locations;
  private Config config;
  private TokenStores stores;

  Context(Environment env, String profileFlag) {
    this(env, profileFlag, true);
  }

  /**
   * A context that reads the working directory's {@code .env} for secrets only when {@code dotEnv}:
   * the credential helpers pass false.
   */
  Context(Environment env, String profileFlag, boolean dotEnv) {
    this.env = env;
    this.profileFlag = profileFlag;
    this.dotEnv = dotEnv;
  }

  Environment env() {
    return env;
  }

  Variables vars() {
    if (vars == null) {
      vars = dotEnv ? Variables.of(env) : Variables.processOnly(env);
    }
    return vars;
  }

  Locations locations() {
    if (locations == null) {
      Variables v = vars();
      locations =
          Locations.resolve(v::getOrNull, env.osName(), env.userHome(), env.workingDirectory());
    }
    return locations;
  }

  ConfigFile configFile() {
    return new ConfigFile(locations().configFile());
  }

  /** The config as read at first use. */
  Config config() {
    if (config == null) {
      try {
        config = configFile().load();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return config;
  }

  /** The config after a change this run made. */
  void configChanged(Config changed) {
    this.config = changed;
  }

  /** {@code --profile}, else {@code LANYARD_PROFILE}, else the config's default, else default. */
  String profileName() {
    if (profileFlag != null) {
      return Config.checkName(profileFlag);
    }
    return vars()
        .get("LANYARD_PROFILE")
        .filter(s -> !s.isBlank())
        .map(Config::checkName)
        .or(() -> config().defaultProfile())
        .orElse("default");
  }

  /** True when {@code --profile} or {@code LANYARD_PROFILE} chose the profile. */
  boolean profileChosen() {
    return profileFlag != null
        || vars().get("LANYARD_PROFILE").filter(s -> !s.isBlank()).isPresent();
  }

  /** The settings of the chosen profile, with these flags on top. */
  Settings settings(Profile flags) {
    return settings(profileName(), flags);
  }

  /** The settings of profile {@code name}, with these flags on top. */
  Settings settings(String name, Profile flags) {
    Profile stored = config().profile(name).orElse(Profile.EMPTY);
    return Settings.resolve(name, stored, vars(), flags);
  }

  /** Where a profile's tokens live: its token file, or the store its settings name. */
  TokenStore store(Settings s) {
    if (stores == null) {
      stores = new TokenStores(this);
    }
    return stores.open(s);
  }

  /** The token file of a profile's identity. */
  FileTokenStore fileStore(Settings s) {
    return FileTokenStore.forIdentity(
        locations().tokenDirectory(), s.storeIssuer(), s.storeClient(), s.profile());
  }

  /** The command that signs this profile in, for messages: {@code lanyard login [--profile X]}. */
  String loginCommand(String profile) {
    return "lanyard login" + (profile.equals(defaultName()) ? "" : " --profile " + profile);
  }

  private String defaultName() {
    try {
      return config().defaultProfile().orElse("default");
    } catch (RuntimeException e) {
      return "default";
    }
  }
}
