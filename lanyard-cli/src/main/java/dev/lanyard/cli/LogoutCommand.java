package dev.lanyard.cli;

import dev.lanyard.LanyardException;
import dev.lanyard.TokenSet;
import dev.lanyard.internal.provider.CredentialStore;
import dev.lanyard.profiles.config.Flow;
import dev.lanyard.profiles.config.Profile;
import dev.lanyard.profiles.internal.Settings;
import dev.lanyard.session.TokenSession;
import dev.lanyard.store.TokenStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lanyard logout}: revokes the refresh token (and the access token) at the provider when it
 * offers revocation (RFC 7009), then deletes the stored tokens. When revocation fails the tokens
 * are kept, so the command can be run again; {@code --local} skips the provider.
 */
@Command(
    name = "logout",
    header = "Revoke the tokens at the provider and delete them here.",
    description = "The profile's settings stay; 'lanyard profile remove' deletes those.")
final class LogoutCommand extends BaseCommand {
  @Option(names = "--all", description = "Every profile in the config file.")
  boolean all;

  @Option(names = "--local", description = "Only delete the tokens here; do not call the provider.")
  boolean local;

  @Override
  int run() throws Exception {
    String current = profile();
    List<String> names = new ArrayList<>();
    if (all) {
      names.addAll(ctx().config().profiles().keySet());
    } else {
      names.add(current);
    }
    for (String name : names) {
      logout(ctx().settings(name, Profile.EMPTY));
    }
    return CliError.OK;
  }

  private void logout(Settings s) throws IOException {
    if (s.plugin().isPresent()) {
      logoutPlugin(s);
      return;
    }
    TokenStore store = ctx().store(s);
    Optional<TokenSet> tokens = store.load();
    String where = "deleted here";
    if (tokens.isPresent() && !local && s.hasProvider() && s.flowSet().orElse(null) != Flow.TOKEN) {
      where = revoke(s, store);
    }
    store.clear();
    if (tokens.isEmpty()) {
      err().println("Profile " + s.profile() + " was not signed in; nothing to do.");
    } else {
      err().println("Signed out of profile " + s.profile() + ": the tokens were " + where + ".");
    }
  }

  /**
   * A provider plug-in's credentials are deleted here; there is nothing to revoke (LabArchives'
   * sign-in yields no token, only the user id its signed requests name).
   */
  private void logoutPlugin(Settings s) throws IOException {
    CredentialStore store = ProviderPlugins.store(ctx(), s);
    boolean had = java.nio.file.Files.exists(ProviderPlugins.file(ctx(), s));
    store.clear();
    if (!had) {
      err().println("Profile " + s.profile() + " was not signed in; nothing to do.");
    } else {
      err()
          .println(
              "Signed out of profile "
                  + s.profile()
                  + ": the "
                  + s.plugin().get()
                  + " credentials were deleted here.");
    }
  }

  /** Revokes at the provider (the session then deletes the tokens here); says what happened. */
  private String revoke(Settings s, TokenStore store) throws IOException {
    Providers providers = new Providers(ctx(), s);
    try {
      TokenSession session =
          TokenSession.builder()
              .store(store)
              .clock(env().clock())
              .transport(providers.transport())
              .provider(providers.metadata())
              .client(providers.client(null, null))
              .build();
      if (session.revoke()) {
        return "revoked at the provider and deleted here";
      }
      err()
          .println(
              "The provider offers no token revocation (RFC 7009); the tokens stay valid"
                  + " there until they expire.");
      return "deleted here";
    } catch (LanyardException e) {
      throw CliError.failure(
          e.getMessage()
              + "; the tokens were kept; to delete them here only: lanyard"
              + " logout --local"
              + (all ? " --all" : " --profile " + s.profile()));
    }
  }
}
