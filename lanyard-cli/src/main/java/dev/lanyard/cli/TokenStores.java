package dev.lanyard.cli;

import dev.lanyard.profiles.internal.Settings;
import dev.lanyard.profiles.internal.StoreOpener;
import dev.lanyard.store.FileTokenStore;
import dev.lanyard.store.TokenStore;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The command line's token stores: {@link StoreOpener} (shared with the library's profiles, which
 * says how a profile's {@code store} setting picks one), with token file names computed without the
 * JCA ({@link TokenFileName}), one opener per run.
 */
final class TokenStores {
  private final StoreOpener opener;

  TokenStores(Context ctx) {
    this.opener =
        new StoreOpener(ctx.locations().tokenDirectory(), ctx.vars(), new FileNamesWithoutJca());
  }

  /** The store of a profile's identity. */
  TokenStore open(Settings s) {
    return opener.open(s);
  }

  /** {@link TokenFileName}, as a class: nothing to link at start-up. */
  private static final class FileNamesWithoutJca implements StoreOpener.FileNames {
    @Override
    public String of(String issuer, String clientId, String profile) {
      return TokenFileName.of(issuer, clientId, profile);
    }
  }

  /** The token file of a profile whose store is {@code file}, without making the store. */
  static Optional<Path> fileOf(Context ctx, Settings s) {
    String kind = s.store().map(String::strip).orElse("file").toLowerCase(Locale.ROOT);
    if (!kind.isEmpty() && !kind.equals("file")) {
      return Optional.empty();
    }
    return Optional.of(
        ctx.locations()
            .tokenDirectory()
            .resolve(TokenFileName.of(s.storeIssuer(), s.storeClient(), s.profile())));
  }

  /** The token file of a file store; empty for other stores. */
  static Optional<Path> file(TokenStore store) {
    return store instanceof FileTokenStore f ? Optional.of(f.path()) : Optional.empty();
  }

  /** The label of the status row that says where the tokens are. */
  static String label(TokenStore store) {
    return store instanceof FileTokenStore ? "token file" : "tokens in";
  }
}
