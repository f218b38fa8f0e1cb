package dev.lanyard.keychain;

import java.io.IOException;
import java.util.Optional;

/** Entries of the platform's secret store: text under (service, account). */
interface Secrets {
  /** The entry, or empty when there is none. */
  Optional<String> get(String account) throws IOException;

  /** Creates or replaces the entry. */
  void put(String account, String secret) throws IOException;

  /** Removes the entry; removing nothing is fine. */
  void delete(String account) throws IOException;

  /** The longest entry this platform takes, in characters. */
  int maxEntryChars();

  /** Where the entries are, for people: {@code "GNOME Keyring / KWallet (Secret Service)"}. */
  String describe();
}
