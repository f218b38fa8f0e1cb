package dev.lanyard.cli;

import dev.lanyard.Scope;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.profiles.internal.ProviderSetup;
import dev.lanyard.profiles.internal.Settings;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.session.TokenSession;
import dev.lanyard.store.TokenStore;
import dev.lanyard.transport.Transport;
import java.io.IOException;

/**
 * The core's objects for a profile, as the command line makes them: {@link ProviderSetup} (shared
 * with the library's profiles) with this run's transport, and secrets that may also be asked for at
 * the terminal.
 */
final class Providers {
  private final ProviderSetup setup;
  private final Secrets secrets;

  Providers(Context ctx, Settings settings) {
    this.setup =
        new ProviderSetup(
            ctx.surroundings(), ctx.vars(), ctx.configFile(), settings, ctx.transport(settings));
    this.secrets = new Secrets(ctx.env(), ctx.vars());
  }

  Secrets secrets() {
    return secrets;
  }

  ProviderMetadata metadata() throws IOException {
    return setup.metadata();
  }

  ClientAuthentication client(String secretEnvFlag, String secretFileFlag) throws IOException {
    return setup.client(secretEnvFlag, secretFileFlag);
  }

  Transport transport() throws IOException {
    return setup.transport();
  }

  TokenSession session(TokenStore store) throws IOException {
    return setup.session(store);
  }

  Scope passwordScope() {
    return setup.passwordScope();
  }
}
