package dev.lanyard.profiles;

import dev.lanyard.internal.env.Variables;
import dev.lanyard.profiles.config.Config;
import dev.lanyard.profiles.config.ConfigException;
import dev.lanyard.profiles.config.ConfigFile;
import dev.lanyard.profiles.config.Flow;
import dev.lanyard.profiles.config.Locations;
import dev.lanyard.profiles.config.Profile;
import dev.lanyard.profiles.internal.Network;
import dev.lanyard.profiles.internal.ProviderSetup;
import dev.lanyard.profiles.internal.Settings;
import dev.lanyard.profiles.internal.StoreOpener;
import dev.lanyard.profiles.internal.Surroundings;
import dev.lanyard.session.TokenSession;
import dev.lanyard.store.TokenStore;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The profiles {@code lanyard login} writes, for any Java program: the same {@code config.yaml},
 * the same token store, the same precedence as the command line. Sign in once with {@code lanyard
 * login --profile lab}; then {@code Profiles.session("lab")} gives every program on the machine a
 * session that keeps that profile's tokens valid.
 *
 * <p>Where the files are: {@code LANYARD_HOME} (an absolute path), else the platform's folders
 * ({@code ~/.config/lanyard/config.yaml} and {@code ~/.local/state/lanyard/tokens/} on Linux).
 * Settings come from the profile (on top of its preset), under the process's {@code
 * LANYARD_ISSUER}, {@code LANYARD_CLIENT_ID}, {@code LANYARD_USERNAME} and {@code LANYARD_STORE}.
 * Secrets come from the variables and files the profile names; a {@code .env} file in the working
 * directory may give secret values only, never where they go (decision 0017), and a config file
 * other users can change is refused.
 *
 * <p>A profile with {@code store: keychain} needs {@code dev.lanyard:lanyard-keychain} on the class
 * path, one with {@code store: redis://…} needs {@code dev.lanyard:lanyard-redis}; without it the
 * session fails with a {@link ConfigException} naming the artifact.
 */
public final class Profiles {
  private final Surroundings env;
  private final Variables vars;
  private final Locations locations;
  private final ConfigFile configFile;
  private final Config config;
  private final StoreOpener stores;

  private Profiles(Surroundings env, @Nullable Path configFileOverride) throws IOException {
    this.env = env;
    this.vars = env.withDotEnv();
    this.locations =
        Locations.resolve(vars::getOrNull, env.osName(), env.userHome(), env.workingDirectory());
    this.configFile =
        new ConfigFile(configFileOverride != null ? configFileOverride : locations.configFile());
    this.config = configFile.load();
    this.stores = new StoreOpener(locations.tokenDirectory(), vars, StoreOpener.FileNames.CORE);
  }

  /**
   * A session for profile {@code name}, as {@code lanyard login --profile NAME} stored it.
   *
   * @throws ConfigException when there is no such profile, or it cannot be used (the message says
   *     why and what to do)
   * @throws IOException when the config file cannot be read
   */
  public static TokenSession session(String name) throws IOException {
    return load().open(name);
  }

  /**
   * A session for the default profile: {@code LANYARD_PROFILE}, else the config's {@code
   * default_profile}, else {@code default} (as {@code lanyard token} chooses).
   *
   * @throws ConfigException when there is no such profile, or it cannot be used
   * @throws IOException when the config file cannot be read
   */
  public static TokenSession defaultSession() throws IOException {
    Profiles p = load();
    return p.open(p.defaultName());
  }

  /** The configuration of this process (its environment, home folder and working directory). */
  public static Profiles load() throws IOException {
    return builder().build();
  }

  /** A builder for profiles read with other variables, folders or transport than the process's. */
  public static Builder builder() {
    return new Builder();
  }

  /** The names of the profiles in {@code config.yaml}, in file order. */
  public Set<String> names() {
    return config.profiles().keySet();
  }

  /** The profile a program uses when it names none (see {@link #defaultSession}). */
  public String defaultName() {
    return vars.get("LANYARD_PROFILE")
        .filter(s -> !s.isBlank())
        .map(Config::checkName)
        .or(config::defaultProfile)
        .orElse("default");
  }

  /** The config file read. */
  public Path configFile() {
    return configFile.path();
  }

  /**
   * A session for profile {@code name}, with refresh-ahead: a long-running program renews before
   * expiry in the background.
   *
   * @throws ConfigException when there is no such profile, or it cannot be used
   */
  public TokenSession open(String name) throws IOException {
    return sessionBuilder(name).build();
  }

  /**
   * The builder of {@link #open}'s session, to add what a program needs (a listener, an executor,
   * another refresh-ahead) before building it.
   *
   * @throws ConfigException when there is no such profile, or it cannot be used
   */
  public TokenSession.Builder sessionBuilder(String name) throws IOException {
    Profile stored =
        config
            .profile(Config.checkName(name))
            .orElseThrow(
                () ->
                    ConfigException.usage(
                        "no profile '"
                            + name
                            + "' in "
                            + configFile.path()
                            + (names().isEmpty()
                                ? ""
                                : "; known profiles: " + String.join(", ", names()))
                            + "; create it with: lanyard login --profile "
                            + name));
    Settings s = Settings.resolve(name, stored, vars, Profile.EMPTY, config);
    if (s.plugin().isPresent()) {
      throw ConfigException.usage(
          "profile '"
              + name
              + "' signs in with the provider plug-in "
              + s.plugin().get()
              + ", which gives no OAuth session; use that plug-in's own API");
    }
    if (!s.hasProvider() && s.flowSet().orElse(null) != Flow.TOKEN) {
      s.requireProvider();
    }
    Transport transport = Network.transport(env, s, false);
    TokenStore store = stores.open(s);
    return new ProviderSetup(env, vars, configFile, s, transport).sessionBuilder(store);
  }

  /**
   * The preset {@code name}: one under {@code presets:} in {@code config.yaml}, else a built-in one
   * ({@link Presets#named}).
   *
   * @throws ConfigException listing the known presets when there is none of that name
   */
  public Preset preset(String name) {
    return new Preset(name, config.preset(name));
  }

  /** Reads profiles with other surroundings than the process's: for tests and embedding. */
  public static final class Builder {
    private Map<String, String> variables = System.getenv();
    private Path workingDirectory = Path.of("").toAbsolutePath();
    private Path userHome = Path.of(System.getProperty("user.home"));
    private String osName = System.getProperty("os.name", "Linux");
    private Transport transport = Transport.defaults();
    private @Nullable Path configFile;

    private Builder() {}

    /** The environment variables to read instead of the process's ({@code LANYARD_HOME}, …). */
    public Builder variables(Map<String, String> variables) {
      this.variables = Map.copyOf(variables);
      return this;
    }

    /** The folder whose {@code .env} may give secret values; the process's by default. */
    public Builder workingDirectory(Path workingDirectory) {
      this.workingDirectory = workingDirectory.toAbsolutePath();
      return this;
    }

    /** The home folder for the platform's folders; {@code user.home} by default. */
    public Builder userHome(Path userHome) {
      this.userHome = userHome.toAbsolutePath();
      return this;
    }

    /**
     * Another config file than the one {@code LANYARD_HOME} or the platform's folders name (as
     * {@code lanyard --config FILE}); the token folder stays where they say.
     */
    public Builder configFile(Path configFile) {
      if (!configFile.isAbsolute()) {
        throw new IllegalArgumentException(
            "configFile must be an absolute path, was '" + configFile + "'");
      }
      this.configFile = configFile;
      return this;
    }

    /** How the provider is called, before the profile's proxy and CA bundle. */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * Reads the configuration.
     *
     * @throws ConfigException when it cannot be used ({@code LANYARD_HOME} relative, a syntax
     *     error, …)
     * @throws IOException when the config file cannot be read
     */
    public Profiles build() throws IOException {
      return new Profiles(
          new Surroundings(
              variables,
              workingDirectory,
              userHome,
              osName,
              java.time.InstantSource.system(),
              transport),
          configFile);
    }
  }
}
