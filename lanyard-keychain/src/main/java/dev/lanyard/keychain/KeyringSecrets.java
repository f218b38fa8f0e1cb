package dev.lanyard.keychain;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.KeyringStorageType;
import com.github.javakeyring.PasswordAccessException;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link Secrets} through java-keyring: the Secret Service over D-Bus on Linux (GNOME Keyring,
 * KWallet), the login Keychain on macOS, the Credential Manager on Windows.
 *
 * <p>java-keyring reports a missing entry and a failing backend with the same exception; an entry
 * that is not there is told apart by probing the backend with a second, cheap call that must
 * succeed (writing and reading a marker entry once per instance).
 */
final class KeyringSecrets implements Secrets {
  /** Windows keeps at most 2560 bytes per credential; java-keyring stores UTF-16: 1280 chars. */
  private static final int WINDOWS_MAX_CHARS = 1000;

  /** Secret Service and Keychain take far more; entries stay small enough for any D-Bus call. */
  private static final int OTHER_MAX_CHARS = 16 * 1024;

  private static final String PROBE = "lanyard-probe";

  /** Where dbus-java finds the session bus (a system property of that name comes first). */
  private static final String BUS_VARIABLE = "DBUS_SESSION_BUS_ADDRESS";

  private final Keyring keyring;
  private final String service;
  private volatile boolean probed;

  private KeyringSecrets(Keyring keyring, String service) {
    this.keyring = keyring;
    this.service = service;
  }

  /**
   * The platform's store, checked to work (an entry written and read back).
   *
   * @throws IOException when there is none or it does not answer (no D-Bus session, locked)
   */
  static KeyringSecrets open(String service) throws IOException {
    Keyring keyring;
    try {
      keyring = Keyring.create();
    } catch (BackendNotSupportedException | RuntimeException | LinkageError e) {
      throw new IOException("no keychain reachable: " + reason(e) + busHint(), e);
    }
    KeyringSecrets s = new KeyringSecrets(keyring, service);
    s.probe();
    return s;
  }

  /**
   * On Linux without a session bus address, java-keyring says only that it found no backend; the
   * usual cause (ssh, cron, a container) is worth naming.
   */
  private static String busHint() {
    boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
    boolean noBus = System.getProperty(BUS_VARIABLE) == null && System.getenv(BUS_VARIABLE) == null;
    return linux && noBus ? " (no D-Bus session: " + BUS_VARIABLE + " is not set)" : "";
  }

  private void probe() throws IOException {
    try {
      keyring.setPassword(service, PROBE, "ok");
      if (!"ok".equals(keyring.getPassword(service, PROBE))) {
        throw new IOException("no keychain reachable: the probe entry did not read back");
      }
      probed = true;
    } catch (PasswordAccessException | RuntimeException e) {
      throw new IOException("no keychain reachable: " + reason(e), e);
    }
  }

  private static String reason(Throwable e) {
    Throwable c = e;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    return m.replaceAll("[\\r\\n]+", " ");
  }

  @Override
  public Optional<String> get(String account) throws IOException {
    try {
      return Optional.of(keyring.getPassword(service, account));
    } catch (PasswordAccessException e) {
      // Missing, or a backend failure: the probe entry tells them apart.
      try {
        keyring.getPassword(service, PROBE);
      } catch (PasswordAccessException | RuntimeException f) {
        throw new IOException("the keychain does not answer: " + reason(f), f);
      }
      return Optional.empty();
    } catch (RuntimeException e) {
      throw new IOException("the keychain does not answer: " + reason(e), e);
    }
  }

  @Override
  public void put(String account, String secret) throws IOException {
    try {
      keyring.setPassword(service, account, secret);
    } catch (PasswordAccessException | RuntimeException e) {
      throw new IOException("cannot write to the keychain: " + reason(e), e);
    }
  }

  @Override
  public void delete(String account) throws IOException {
    try {
      keyring.deletePassword(service, account);
    } catch (PasswordAccessException e) {
      if (get(account).isPresent()) {
        throw new IOException("cannot delete from the keychain: " + reason(e), e);
      }
    } catch (RuntimeException e) {
      throw new IOException("cannot delete from the keychain: " + reason(e), e);
    }
  }

  @Override
  public int maxEntryChars() {
    return keyring.getKeyringStorageType() == KeyringStorageType.WINDOWS_CREDENTIAL_STORE
            || System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
        ? WINDOWS_MAX_CHARS
        : OTHER_MAX_CHARS;
  }

  @Override
  public String describe() {
    return switch (keyring.getKeyringStorageType()) {
          case GNOME_KEYRING -> "Secret Service (GNOME Keyring, KWallet)";
          case KWALLET -> "KWallet";
          case OSX_KEYCHAIN, LEGACY_OSX_KEYCHAIN -> "macOS Keychain";
          case WINDOWS_CREDENTIAL_STORE -> "Windows Credential Manager";
        }
        + (probed ? "" : " (unchecked)");
  }
}
