package dev.lanyard.cli;

import dev.lanyard.internal.provider.CredentialStore;
import dev.lanyard.internal.provider.Credentials;
import dev.lanyard.internal.provider.ProviderIdentity;
import dev.lanyard.profiles.internal.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The state of a provider plug-in profile's sign-in ({@code provider: ID}), from its credential
 * file alone: no network. Signed in means credentials are stored; the identity is what the provider
 * reads from them ({@code describe}).
 *
 * @param settings the profile's settings
 * @param file its credential file
 * @param credentials the stored credentials, if readable
 * @param damaged true when the file exists but cannot be read
 * @param identity who the credentials sign in, when the provider could say
 * @param problem why the provider could not say (e.g. its settings are missing here), or null
 */
record PluginStatus(
    Settings settings,
    Path file,
    Optional<Credentials> credentials,
    boolean damaged,
    Optional<ProviderIdentity> identity,
    String problem) {

  static PluginStatus of(Context ctx, Settings s) throws IOException {
    Path file = ProviderPlugins.file(ctx, s);
    Optional<Credentials> credentials = CredentialStore.file(file).load();
    boolean damaged = credentials.isEmpty() && Files.exists(file);
    Optional<ProviderIdentity> identity = Optional.empty();
    String problem = null;
    if (credentials.isPresent()) {
      try {
        identity = Optional.of(ProviderPlugins.create(ctx, s).describe(credentials.get()));
      } catch (IOException | RuntimeException e) {
        problem = Errors.oneLine(e.getMessage());
      }
    }
    return new PluginStatus(s, file, credentials, damaged, identity, problem);
  }

  boolean signedIn() {
    return credentials.isPresent();
  }

  String state() {
    if (damaged) {
      return "not signed in: the credential file is damaged or unreadable";
    }
    return signedIn() ? "signed in" : "not signed in";
  }
}
