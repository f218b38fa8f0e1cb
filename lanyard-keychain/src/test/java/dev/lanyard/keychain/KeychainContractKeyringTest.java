package dev.lanyard.keychain;

import dev.lanyard.store.TokenStore;
import dev.lanyard.store.TokenStoreContract;
import java.io.IOException;
import java.util.UUID;

/**
 * The store contract against the real Secret Service: GNOME Keyring in the test JVM's own D-Bus
 * session (see src/test/keyring-jvm/bin/java). Linux only (the pom runs *KeyringTest there).
 */
class KeychainContractKeyringTest extends TokenStoreContract {
  @Override
  protected TokenStore newStore() throws IOException {
    return KeychainTokenStore.open(dir.resolve("store.lock"), "contract-" + UUID.randomUUID());
  }
}
