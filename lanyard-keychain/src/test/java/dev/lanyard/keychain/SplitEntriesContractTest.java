package dev.lanyard.keychain;

import dev.lanyard.store.TokenStore;
import dev.lanyard.store.TokenStoreContract;
import java.time.Duration;

/**
 * The store contract where every token set is split over several entries (entries of 40
 * characters): the logic a Windows Credential Manager needs, checked on every platform.
 */
class SplitEntriesContractTest extends TokenStoreContract {
  @Override
  protected TokenStore newStore() {
    return KeychainTokenStore.over(
        new MapSecrets(40), dir.resolve("store.lock"), "account", Duration.ofSeconds(30));
  }
}
