package dev.lanyard.profiles.internal;

import dev.lanyard.internal.text.Printable;
import dev.lanyard.keychain.KeychainTokenStore;
import dev.lanyard.store.FileTokenStore;
import dev.lanyard.store.TokenStore;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The keychain store; loaded only once lanyard-keychain is known to be on the class path. */
final class KeychainStores {
  private static final Logger LOG = LoggerFactory.getLogger(KeychainStores.class);

  private KeychainStores() {}

  static TokenStore open(Path dir, Settings s, FileTokenStore fallback) {
    try {
      return KeychainTokenStore.forIdentity(dir, s.storeIssuer(), s.storeClient(), s.profile());
    } catch (IOException | RuntimeException | LinkageError e) {
      LOG.warn(
          "{}; profile '{}' keeps its tokens in the file {} instead",
          Printable.line(String.valueOf(e.getMessage()), 2000),
          s.profile(),
          fallback.path());
      return fallback;
    }
  }
}
