package dev.lanyard.keychain;

import dev.lanyard.TokenSet;
import dev.lanyard.internal.files.ExclusiveSection;
import dev.lanyard.internal.files.SecureFiles;
import dev.lanyard.internal.store.TokenSetJson;
import dev.lanyard.store.FileTokenStore;
import dev.lanyard.store.TokenStore;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TokenStore} in the operating system's secret store: the Secret Service on Linux (GNOME
 * Keyring, KWallet), the login Keychain on macOS, the Credential Manager on Windows. Entries are
 * under service {@value #SERVICE}, account = the identity's hash (the file store's file name
 * without {@code .json}): the account names no issuer, client or person.
 *
 * <p>The keychain does not lock, so the exclusive section is the one {@link FileTokenStore} uses
 * (the core's, over a lock file: in-process lock first, a deadline on every wait, anything but a
 * regular file refused): an empty, owner-only file that holds no secret. A token set larger than
 * one entry may hold (Windows: 2560 bytes) is split over several entries of a generation, written
 * before the head entry names them, so {@link #load} never sees a torn write.
 *
 * <pre>{@code
 * TokenStore store = KeychainTokenStore.forIdentity(lockDir, issuer, clientId, "default");
 * }</pre>
 */
public final class KeychainTokenStore implements TokenStore {
  /** The service name of every entry. */
  public static final String SERVICE = "lanyard";

  private static final Logger LOG = LoggerFactory.getLogger(KeychainTokenStore.class);
  private static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(60);
  private static final String INLINE = "lanyard-v1 ";
  private static final String SPLIT = "lanyard-v1-split ";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Secrets secrets;
  private final String account;
  private final ExclusiveSection lock;

  private KeychainTokenStore(Secrets secrets, String account, ExclusiveSection lock) {
    this.secrets = secrets;
    this.account = account;
    this.lock = lock;
  }

  /**
   * The store for one identity, its lock file in {@code lockDirectory}.
   *
   * @throws IOException when no keychain is reachable (no D-Bus session, no Secret Service, a
   *     locked keyring that cannot be unlocked): the message says which
   */
  public static KeychainTokenStore forIdentity(
      Path lockDirectory, String issuer, String clientId, String profile) throws IOException {
    String name = FileTokenStore.fileName(issuer, clientId, profile);
    String account = name.substring(0, name.length() - ".json".length());
    return open(lockDirectory.resolve(account + ".keychain.lock"), account);
  }

  /**
   * The store for entry {@code account} of service {@value #SERVICE}, locked by {@code lockFile}.
   *
   * @throws IOException when no keychain is reachable
   */
  public static KeychainTokenStore open(Path lockFile, String account) throws IOException {
    return over(KeyringSecrets.open(SERVICE), lockFile, account, DEFAULT_LOCK_TIMEOUT);
  }

  /**
   * True when a keychain answers here (it writes and reads a probe entry); false on a headless
   * machine without a D-Bus session or Secret Service.
   */
  public static boolean available() {
    try {
      KeyringSecrets.open(SERVICE);
      return true;
    } catch (IOException e) {
      LOG.debug("no keychain: {}", e.getMessage());
      return false;
    }
  }

  static KeychainTokenStore over(Secrets secrets, Path lockFile, String account, Duration timeout) {
    Objects.requireNonNull(account, "account");
    if (account.isEmpty() || account.contains("#")) {
      throw new IllegalArgumentException("account must be non-empty and without '#'");
    }
    return new KeychainTokenStore(secrets, account, ExclusiveSection.on(lockFile, timeout));
  }

  /** This store with another deadline for the exclusive section (default 60 s). */
  public KeychainTokenStore withLockTimeout(Duration timeout) {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("lockTimeout must not be negative, was " + timeout);
    }
    return new KeychainTokenStore(secrets, account, ExclusiveSection.on(lock.lockFile(), timeout));
  }

  /** The entry's account under service {@value #SERVICE}. */
  public String account() {
    return account;
  }

  /** The lock file of the exclusive section. */
  public Path lockPath() {
    return lock.lockFile();
  }

  @Override
  public Optional<TokenSet> load() throws IOException {
    // A concurrent writer may delete the chunks of the generation just read: read the head again.
    for (int attempt = 0; attempt < 5; attempt++) {
      Optional<String> head = secrets.get(account);
      if (head.isEmpty()) {
        return Optional.empty();
      }
      Optional<String> document = document(head.get());
      if (document.isPresent()) {
        try {
          return Optional.of(TokenSetJson.read(document.get()));
        } catch (TokenSetJson.Invalid e) {
          // the reason names fields, never values
          LOG.warn(
              "Ignoring the unreadable keychain entry {}/{}: {}", SERVICE, account, e.getMessage());
          return Optional.empty();
        }
      }
      if (!head.get().startsWith(SPLIT)) {
        LOG.warn("Ignoring the keychain entry {}/{} of an unknown format", SERVICE, account);
        return Optional.empty();
      }
    }
    LOG.warn("Ignoring the keychain entry {}/{}: its parts keep changing", SERVICE, account);
    return Optional.empty();
  }

  /** The JSON a head entry stands for; empty when unknown or a part is gone. */
  private Optional<String> document(String head) throws IOException {
    if (head.startsWith(INLINE)) {
      return Optional.of(head.substring(INLINE.length()));
    }
    Optional<Split> split = Split.parse(head);
    if (split.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder doc = new StringBuilder();
    for (String part : split.get().accounts(account)) {
      Optional<String> chunk = secrets.get(part);
      if (chunk.isEmpty()) {
        return Optional.empty();
      }
      doc.append(chunk.get());
    }
    return Optional.of(doc.toString());
  }

  @Override
  public void save(TokenSet tokens) throws IOException {
    Objects.requireNonNull(tokens, "tokens");
    exclusive(() -> write(tokens));
  }

  @Override
  public void clear() throws IOException {
    exclusive(
        () -> {
          Optional<String> head = secrets.get(account);
          if (head.isPresent()) {
            secrets.delete(account);
            deleteParts(head.get());
          }
        });
  }

  @Override
  @SuppressWarnings("ReferenceEquality") // the same instance back means "unchanged"
  public TokenSet update(Update update) throws IOException {
    Objects.requireNonNull(update, "update");
    TokenSet[] result = new TokenSet[1];
    exclusive(
        () -> {
          Optional<TokenSet> current = load();
          TokenSet next = update.apply(current);
          Objects.requireNonNull(next, "update returned null");
          if (current.isEmpty() || next != current.get()) {
            write(next);
          }
          result[0] = next;
        });
    return result[0];
  }

  /**
   * Runs {@code body} in the exclusive section, whose owner-only lock file (the core's, shared with
   * the file store) is made with its folder when missing.
   */
  private void exclusive(ExclusiveSection.Body body) throws IOException {
    SecureFiles.ensureFolder(SecureFiles.folderOf(lock.lockFile()));
    lock.run(body);
  }

  /** Inside the section: the new entries, then the head, then the old generation's parts. */
  private void write(TokenSet tokens) throws IOException {
    String doc = TokenSetJson.write(tokens); // the DPoP key (RFC 9449) with the tokens it binds
    Optional<String> old = secrets.get(account);
    int max = secrets.maxEntryChars();
    if (INLINE.length() + doc.length() <= max) {
      secrets.put(account, INLINE + doc);
    } else {
      int size = max - 8; // parts carry no prefix; a margin for the platform's own overhead
      int n = (doc.length() + size - 1) / size;
      Split split = new Split(HexFormat.of().toHexDigits(RANDOM.nextInt()), n);
      List<String> parts = split.accounts(account);
      for (int i = 0; i < n; i++) {
        secrets.put(parts.get(i), doc.substring(i * size, Math.min(doc.length(), (i + 1) * size)));
      }
      secrets.put(account, split.head());
    }
    if (old.isPresent()) {
      deleteParts(old.get());
    }
  }

  private void deleteParts(String head) throws IOException {
    Optional<Split> split = Split.parse(head);
    if (split.isPresent()) {
      for (String part : split.get().accounts(account)) {
        secrets.delete(part);
      }
    }
  }

  @Override
  public String describe() {
    return secrets.describe() + ", entry " + SERVICE + "/" + account;
  }

  @Override
  public String toString() {
    return "KeychainTokenStore[" + describe() + "]";
  }

  /** A head entry naming the parts of one generation: {@code lanyard-v1-split GEN N}. */
  private record Split(String generation, int count) {
    static Optional<Split> parse(String head) {
      if (!head.startsWith(SPLIT)) {
        return Optional.empty();
      }
      String[] f = head.substring(SPLIT.length()).split(" ");
      try {
        int n = Integer.parseInt(f[1]);
        return f.length == 2 && f[0].matches("[0-9a-f]{8}") && n > 0 && n <= 64
            ? Optional.of(new Split(f[0], n))
            : Optional.empty();
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }

    String head() {
      return SPLIT + generation + " " + count;
    }

    List<String> accounts(String account) {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        parts.add(account + "#" + generation + "." + i);
      }
      return parts;
    }
  }
}
