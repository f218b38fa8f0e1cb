package dev.lanyard.cli;

import dev.lanyard.internal.provider.CallbackProvider;
import dev.lanyard.internal.provider.Credentials;
import dev.lanyard.profiles.config.Config;
import dev.lanyard.profiles.config.Durations;
import dev.lanyard.profiles.config.Flow;
import dev.lanyard.profiles.config.Profile;
import dev.lanyard.profiles.config.Setting;
import dev.lanyard.profiles.internal.Settings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lanyard login}: records the settings it was given in the profile, signs in with the
 * profile's flow and stores the tokens. Success is one line on standard error.
 */
@Command(
    name = "login",
    header = "Sign in and store the tokens; record the settings in the profile.",
    description = {
      "Flows: browser (default where a browser can open), device (default elsewhere), password,"
          + " client-credentials, refresh-token, token (a personal access token).",
      "Secrets never go on the command line: the client secret comes from --client-secret-env,"
          + " --client-secret-file or LANYARD_CLIENT_SECRET; the password from --password-env,"
          + " LANYARD_PASSWORD or a hidden prompt; refresh and personal access tokens from"
          + " standard input, --token-env or a hidden prompt.",
      "A provider plug-in that is not OAuth (--provider labarchives; settings such as API_URL,"
          + " ACCESS_KEYID and ACCESS_PWD from the environment or .env): --flow browser, or"
          + " --flow token with --username EMAIL and the password token on standard input."
    })
final class LoginCommand extends BaseCommand {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  @Option(
      names = "--flow",
      paramLabel = "FLOW",
      converter = FlowConverter.class,
      completionCandidates = FlowConverter.Names.class,
      description = "browser, device, password, client-credentials, refresh-token or token.")
  Flow flow;

  @Mixin ProviderOptions provider;

  @Option(
      names = "--provider",
      paramLabel = "ID",
      description =
          "A provider plug-in that is not OAuth, e.g. labarchives (browser or token flow; its"
              + " settings come from the environment and .env).")
  String plugin;

  @Option(names = "--login-hint", paramLabel = "EMAIL", description = "Who should sign in.")
  String loginHint;

  @Option(names = "--port", paramLabel = "N", description = "Fixed loopback port (browser).")
  String port;

  @Option(
      names = "--callback-path",
      paramLabel = "PATH",
      description = "Path of the loopback redirect URI (browser; default /callback).")
  String callbackPath;

  @Option(names = "--no-browser", description = "Print the URL instead of opening a browser.")
  boolean noBrowser;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "How long to wait for the person (default: 5m browser, 15m device).")
  String timeout;

  @Option(
      names = "--store",
      paramLabel = "URI",
      description = "Where the tokens live: file (default) or a redis:// or rediss:// URI.")
  String store;

  @Option(names = "--username", paramLabel = "NAME", description = "Username (password flow).")
  String username;

  @Option(
      names = "--password-env",
      paramLabel = "VAR",
      description = "Read the password from this environment variable (password flow).")
  String passwordEnv;

  @Option(
      names = "--totp",
      paramLabel = "CODE",
      arity = "0..1",
      fallbackValue = "",
      description = "One-time code (password flow); without CODE, you are asked for it.")
  String totp;

  @Option(
      names = "--token-env",
      paramLabel = "VAR",
      description = "Read the refresh or personal access token from this variable.")
  String tokenEnv;

  @Override
  int run() throws Exception {
    String profile = profile();
    Profile flags = flags();
    Settings s = ctx().settings(flags);
    if (s.plugin().isPresent()) {
      return pluginLogin(profile, flags, s);
    }
    Flow chosen = s.flow(env().surroundings());
    if (chosen != Flow.TOKEN) {
      s.requireProvider();
      s.requireClientId();
    }
    s.scope(); // an unknown project fails before anything is saved
    // the profile's own settings: what a preset provides stays the preset's
    Profile record = s.own().with(Setting.FLOW, chosen);
    Config saved =
        ctx()
            .configFile()
            .update(
                c -> {
                  Config next = c.with(profile, record);
                  return next.defaultProfile().isPresent() ? next : next.withDefault(profile);
                });
    ctx().configChanged(saved);
    s = ctx().settings(flags);
    if (totp != null && !totp.isEmpty()) {
      err()
          .println(
              style().yellow("lanyard: warning:")
                  + " a one-time code on the command line is visible to other users (ps) and kept in"
                  + " shell history; use --totp without a value to be asked for it");
    }
    SignIn.Result result = new SignIn(this, s).run(chosen);
    if (result.cancelled()) {
      return 130;
    }
    ctx().store(s).save(result.tokens());
    String who =
        result.who() == null ? "with a personal access token" : "as " + style().bold(result.who());
    err()
        .println(
            style().green("Signed in")
                + " "
                + who
                + " (profile "
                + profile
                + "); "
                + expiry(result.tokens().expiresAt().orElse(null))
                + ".");
    return CliError.OK;
  }

  /** Signs in to a provider plug-in and stores its credentials. */
  private int pluginLogin(String profile, Profile flags, Settings s) throws Exception {
    String id = s.plugin().orElseThrow();
    Profile own = s.stored().overriddenBy(flags);
    for (Setting oauth :
        new Setting[] {Setting.ISSUER, Setting.CLIENT_ID, Setting.TOKEN_ENDPOINT}) {
      if (own.get(oauth).isPresent()) {
        throw CliError.usage(
            "profile '"
                + profile
                + "' has both provider "
                + id
                + " and "
                + oauth.key()
                + "; sign"
                + " in to "
                + id
                + " with another profile (--profile NAME)");
      }
    }
    Flow chosen = ProviderSignIn.check(s, s.flowSet().orElse(Flow.BROWSER));
    CallbackProvider p = ProviderPlugins.create(ctx(), s); // before anything is saved
    Profile record =
        s.effective()
            .with(Setting.ISSUER, null)
            .with(Setting.CLIENT_ID, null)
            .with(Setting.FLOW, chosen);
    Config saved =
        ctx()
            .configFile()
            .update(
                c -> {
                  Config next = c.with(profile, record);
                  return next.defaultProfile().isPresent() ? next : next.withDefault(profile);
                });
    ctx().configChanged(saved);
    Optional<Credentials> credentials = new ProviderSignIn(this, s, p).run(chosen);
    if (credentials.isEmpty()) {
      return 130;
    }
    ProviderPlugins.store(ctx(), s).save(credentials.get());
    err()
        .println(
            style().green("Signed in")
                + " to "
                + id
                + " as "
                + style().bold(p.describe(credentials.get()).displayName())
                + " (profile "
                + profile
                + ").");
    return CliError.OK;
  }

  private String expiry(Instant expiresAt) {
    if (expiresAt == null) {
      return "the token does not expire";
    }
    return "the access token expires "
        + Durations.relative(Duration.between(env().clock().instant(), expiresAt))
        + " ("
        + WHEN.format(expiresAt)
        + ")";
  }

  private Profile flags() {
    Profile p = provider.toProfile();
    p = ProviderOptions.set(p, Setting.PROVIDER, plugin);
    if (flow != null) {
      p = p.with(Setting.FLOW, flow);
    }
    p = ProviderOptions.set(p, Setting.LOGIN_HINT, loginHint);
    p = ProviderOptions.set(p, Setting.PORT, port);
    p = ProviderOptions.set(p, Setting.CALLBACK_PATH, callbackPath);
    p = ProviderOptions.set(p, Setting.TIMEOUT, timeout);
    p = ProviderOptions.set(p, Setting.USERNAME, username);
    p = ProviderOptions.set(p, Setting.PASSWORD_ENV, passwordEnv);
    p = ProviderOptions.set(p, Setting.STORE, store);
    return p;
  }

  /** Parses {@code --flow}. */
  static final class FlowConverter implements picocli.CommandLine.ITypeConverter<Flow> {
    @Override
    public Flow convert(String value) {
      return Flow.parse(value);
    }

    /** The flow names, for help and shell completion. */
    static final class Names implements Iterable<String> {
      @Override
      public java.util.Iterator<String> iterator() {
        return java.util.Arrays.stream(Flow.values()).map(Flow::id).iterator();
      }
    }
  }
}
