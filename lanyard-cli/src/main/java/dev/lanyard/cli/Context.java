package dev.lanyard.cli;

import dev.lanyard.internal.env.Variables;
import dev.lanyard.profiles.config.Config;
import dev.lanyard.profiles.config.ConfigFile;
import dev.lanyard.profiles.config.Locations;
import dev.lanyard.profiles.config.Profile;
import dev.lanyard.profiles.internal.Network;
import dev.lanyard.profiles.internal.Settings;
import dev.lanyard.profiles.internal.Surroundings;
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
  private final String configFlag;
  private Surroundings surroundings;
  private Variables vars;
  private Locations locations;
  private Config config;
  private TokenStores stores;
  private Settings transportFor;
  private Settings storeFor;
  private TokenStore store;
  private dev.lanyard.transport.Transport transport;

  Context(Environment env, String profileFlag) {
    this(env, profileFlag, true);
  }

  /**
   * A context that reads the working directory's {@code .env} for secrets only when {@code dotEnv}:
   * the credential helpers pass false.
   */
  Context(Environment env, String profileFlag, boolean dotEnv) {
    this(env, profileFlag, dotEnv, null);
  }

  /** As above, with {@code --config FILE} (null: the config file of {@link Locations}). */
  Context(Environment env, String profileFlag, boolean dotEnv, String configFlag) {
    this.env = env;
    this.profileFlag = profileFlag;
    this.dotEnv = dotEnv;
    this.configFlag = configFlag;
  }

  Environment env() {
    return env;
  }

  /** The part of the environment profiles need (shared with the library). */
  Surroundings surroundings() {
    if (surroundings == null) {
      surroundings = env.surroundings();
    }
    return surroundings;
  }

  Variables vars() {
    if (vars == null) {
      vars = dotEnv ? surroundings().withDotEnv() : surroundings().processOnly();
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
    if (configFlag != null) {
      // typed by the person on this command line: relative to where they typed it
      return new ConfigFile(env.workingDirectory().resolve(configFlag));
    }
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
    return Settings.resolve(name, stored, vars(), flags, config());
  }

  /** The transport to the provider for these settings: their proxy and CA bundle. */
  dev.lanyard.transport.Transport transport(Settings s) {
    if (transport == null || transportFor != s) {
      try {
        transport = Network.transport(surroundings(), s, true);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      transportFor = s;
    }
    return transport;
  }

  /** Where a profile's identity keeps its tokens (see {@link TokenStores}); one per run. */
  TokenStore store(Settings s) {
    if (store == null || storeFor != s) {
      if (stores == null) {
        stores = new TokenStores(this);
      }
      store = stores.open(s);
      storeFor = s;
    }
    return store;
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
