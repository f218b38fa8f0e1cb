package dev.lanyard.keychain;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Entries in a map with a size limit like a platform's (Windows: small), for what needs no real
 * keychain: splitting large token sets, and the contract on a store whose every set is split.
 */
final class MapSecrets implements Secrets {
  final Map<String, String> entries = new ConcurrentHashMap<>();
  private final int maxChars;

  MapSecrets(int maxChars) {
    this.maxChars = maxChars;
  }

  @Override
  public Optional<String> get(String account) {
    return Optional.ofNullable(entries.get(account));
  }

  @Override
  public void put(String account, String secret) {
    if (secret.length() > maxChars) {
      throw new IllegalStateException("entry of " + secret.length() + " chars > " + maxChars);
    }
    entries.put(account, secret);
  }

  @Override
  public void delete(String account) {
    entries.remove(account);
  }

  @Override
  public int maxEntryChars() {
    return maxChars;
  }

  @Override
  public String describe() {
    return "map";
  }
}
