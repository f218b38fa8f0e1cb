package dev.lanyard.cli;

import dev.lanyard.cli.config.Setting;
import dev.lanyard.keychain.KeychainTokenStore;
import dev.lanyard.store.FileTokenStore;
import dev.lanyard.store.TokenStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a profile's tokens are kept, the one place that chooses: profile key {@code store} (or
 * {@code LANYARD_STORE}): {@code file} (the default) or {@code keychain}. A keychain that cannot be
 * reached falls back to the token file with one notice on standard error, never silently.
 */
final class TokenStores {
  private static final Logger LOG = LoggerFactory.getLogger(TokenStores.class);

  private TokenStores() {}

  /** The store of a profile's identity. */
  static TokenStore open(Context ctx, Settings s) {
    Path dir = ctx.locations().tokenDirectory();
    String kind = kind(s);
    // The name is FileTokenStore.fileName's, computed without starting the JCA (TokenFileName).
    FileTokenStore file =
        FileTokenStore.at(
            dir.resolve(TokenFileName.of(s.storeIssuer(), s.storeClient(), s.profile())));
    return switch (kind) {
      case "file" -> file;
      case "keychain" -> keychain(dir, s, file);
      default ->
          throw CliError.usage("store: '" + kind + "' is not a token store; use file or keychain");
    };
  }

  private static TokenStore keychain(Path dir, Settings s, FileTokenStore file) {
    try {
      return KeychainTokenStore.forIdentity(dir, s.storeIssuer(), s.storeClient(), s.profile());
    } catch (IOException | RuntimeException | LinkageError e) {
      LOG.warn(
          "{}; profile '{}' keeps its tokens in the file {} instead",
          Errors.oneLine(e.getMessage()),
          s.profile(),
          file.path());
      return file;
    }
  }

  /** The token file of a profile whose store is {@code file}, without making the store. */
  static Optional<Path> fileOf(Context ctx, Settings s) {
    if (!kind(s).equals("file")) {
      return Optional.empty();
    }
    return Optional.of(
        ctx.locations()
            .tokenDirectory()
            .resolve(TokenFileName.of(s.storeIssuer(), s.storeClient(), s.profile())));
  }

  private static String kind(Settings s) {
    return s.text(Setting.STORE).orElse("file").strip().toLowerCase(Locale.ROOT);
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
