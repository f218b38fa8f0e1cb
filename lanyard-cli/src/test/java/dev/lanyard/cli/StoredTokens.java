package dev.lanyard.cli;

import dev.lanyard.TokenSet;
import dev.lanyard.profiles.config.Profile;
import dev.lanyard.store.FileTokenStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/** Test tokens written straight into a profile's token file. */
final class StoredTokens {
  private StoredTokens() {}

  /** Tokens whose access token expires {@code seconds} from now (negative: already expired). */
  static TokenSet valid(String access, long seconds, String refresh) {
    Instant now = Instant.now();
    TokenSet.Builder b =
        TokenSet.builder(access).issuedAt(now.minusSeconds(60)).expiresAt(now.plusSeconds(seconds));
    if (refresh != null) {
      b.refreshToken(refresh).refreshExpiresAt(now.plusSeconds(3600));
    }
    return b.build();
  }

  /** The token file of {@code profile} as the CLI resolves it in {@code cli}'s environment. */
  static FileTokenStore store(Cli cli, String profile) {
    Context ctx = new Context(cli.environment(), profile);
    return (FileTokenStore) ctx.store(ctx.settings(profile, Profile.EMPTY));
  }

  /** The token file of a profile with this issuer and client. */
  static FileTokenStore store(Cli cli, String profile, String issuer, String client) {
    Path dir = cli.home.resolve("tokens");
    return FileTokenStore.forIdentity(dir, issuer, client, profile);
  }

  static void store(Cli cli, String profile, TokenSet tokens) throws IOException {
    store(cli, profile, "static", "none").save(tokens);
  }
}
