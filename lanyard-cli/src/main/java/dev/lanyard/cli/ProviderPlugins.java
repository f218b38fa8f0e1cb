package dev.lanyard.cli;

import dev.lanyard.LoginRequiredException;
import dev.lanyard.TokenSet;
import dev.lanyard.internal.provider.CallbackProvider;
import dev.lanyard.internal.provider.CallbackProviderFactory;
import dev.lanyard.internal.provider.CredentialStore;
import dev.lanyard.internal.provider.Credentials;
import dev.lanyard.internal.provider.ProviderContext;
import dev.lanyard.profiles.internal.Settings;
import dev.lanyard.store.FileTokenStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Profiles with {@code provider: ID}: services that are not OAuth, plugged in through the core's
 * {@link CallbackProviderFactory} and found with {@link ServiceLoader} (the shaded jar keeps every
 * module's {@code META-INF/services}). Only {@link #create} loads provider classes; the store's
 * path needs the id alone, so {@code logout} and the {@code token} fast path never load them.
 */
final class ProviderPlugins {
  private ProviderPlugins() {}

  /**
   * The profile's provider, configured from the profile's {@code parameters} (provider settings
   * such as {@code API_URL}), then the environment and {@code .env}.
   */
  static CallbackProvider create(Context ctx, Settings s) throws IOException {
    String id = s.plugin().orElseThrow();
    Map<String, String> settings = s.effective().parameters();
    for (String name : settings.keySet()) {
      String upper = name.toUpperCase(Locale.ROOT);
      if (upper.contains("PWD") || upper.contains("PASSWORD") || upper.contains("SECRET")) {
        throw CliError.usage(
            "profile '"
                + s.profile()
                + "' holds the secret setting "
                + name
                + "; secrets belong"
                + " in the environment or .env, not in the config file");
      }
    }
    List<String> known = new ArrayList<>();
    CallbackProviderFactory factory = null;
    try {
      for (CallbackProviderFactory f :
          ServiceLoader.load(
              CallbackProviderFactory.class, ProviderPlugins.class.getClassLoader())) {
        known.add(f.id());
        if (f.id().equals(id)) {
          factory = f;
          break;
        }
      }
    } catch (ServiceConfigurationError e) {
      throw CliError.failure("cannot load the provider plug-ins: " + e.getMessage());
    }
    if (factory == null) {
      throw CliError.usage(
          "unknown provider '"
              + id
              + "'"
              + (known.isEmpty()
                  ? "; this lanyard has no provider plug-ins"
                  : "; this lanyard knows: " + String.join(", ", known)));
    }
    Environment env = ctx.env();
    return factory.create(
        new ProviderContext(
            settings,
            ctx.vars().forPlugin(),
            env.workingDirectory(),
            ctx.transport(s),
            env.clock()));
  }

  /** Where the credentials of a provider profile are kept: beside the token files. */
  static Path file(Context ctx, Settings s) {
    String id = s.plugin().orElseThrow();
    return ctx.locations()
        .tokenDirectory()
        .resolve(FileTokenStore.fileName("provider:" + id, id, s.profile()));
  }

  static CredentialStore store(Context ctx, Settings s) {
    return CredentialStore.file(file(ctx, s));
  }

  /**
   * A bearer token for {@code token}, {@code exec} and {@code git-credential}, for a provider that
   * has one; a usage error (exit 2) naming the reason for one that authenticates each request
   * otherwise, and "sign in" (exit 3) when nothing is stored.
   */
  static TokenSet bearer(Context ctx, Settings s) throws IOException {
    String id = s.plugin().orElseThrow();
    Optional<Credentials> credentials = store(ctx, s).load();
    if (credentials.isEmpty()) {
      throw new LoginRequiredException(
          "profile '" + s.profile() + "' is not signed in to " + id + "; sign in first");
    }
    CallbackProvider provider = create(ctx, s);
    Optional<String> token = provider.bearerToken(credentials.get());
    if (token.isEmpty()) {
      throw noBearerToken(id, s.profile());
    }
    return TokenSet.builder(token.get()).issuedAt(ctx.env().clock().instant()).build();
  }

  static CliError noBearerToken(String id, String profile) {
    return CliError.usage(
        id
            + " has no bearer token for token, exec or git-credential (profile '"
            + profile
            + "'): its API requests are signed one by one; sign them with the library's"
            + " RequestAuthorizer (for LabArchives, LabArchives.authenticator())");
  }
}
