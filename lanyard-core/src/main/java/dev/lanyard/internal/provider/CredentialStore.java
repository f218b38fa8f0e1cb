package dev.lanyard.internal.provider;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a provider's {@link Credentials} are kept between runs: {@link
 * dev.lanyard.store.TokenStore}'s counterpart for sign-ins that yield no tokens.
 *
 * <pre>{@code
 * CredentialStore store = CredentialStore.file(Path.of(home, ".lanyard", "labarchives.json"));
 * store.save(credentials);                      // 0600, replaced atomically
 * Optional<Credentials> saved = store.load();   // empty when none, or unreadable
 * store.clear();                                // logout
 * }</pre>
 *
 * <p>There is no exclusive update section: credentials are not renewed behind the caller's back, so
 * concurrent writers only race to replace the whole file, and a reader sees one complete version or
 * the other.
 */
public interface CredentialStore {

  /** The stored credentials; empty when there are none, or when the stored copy cannot be read. */
  Optional<Credentials> load() throws IOException;

  /** Replaces the stored credentials. */
  void save(Credentials credentials) throws IOException;

  /** Removes the stored credentials. */
  void clear() throws IOException;

  /** A human-readable location for status displays: a file path, or {@code "memory"}. */
  default String describe() {
    return getClass().getSimpleName();
  }

  /** A fresh in-memory store, lost when the process ends. */
  static CredentialStore memory() {
    return new MemoryCredentialStore();
  }

  /**
   * A store in one JSON file, written as the token files are: a 0600 temp file in the same folder
   * (created 0700), forced to disk and renamed over the file. Relative paths resolve against the
   * working directory now.
   *
   * @throws IllegalArgumentException when {@code file} has no parent folder, such as {@code /}
   */
  static CredentialStore file(Path file) {
    Path absolute = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
    if (absolute.getFileName() == null || absolute.getParent() == null) {
      throw new IllegalArgumentException("file must name a file inside a folder: " + file);
    }
    return new FileCredentialStore(absolute);
  }
}
