package dev.lanyard.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The test client keys (src/test/resources/keys, public halves in keycloak/realm-lab.json) copied
 * to owner-only files, as a user keeps them: git does not keep file modes.
 */
public final class KeyFiles {
  private KeyFiles() {}

  /** The key {@code name} (e.g. {@code client-rsa.pem}) as a 0600 file in {@code dir}. */
  public static Path ownerOnly(Path dir, String name) {
    try (InputStream in = KeyFiles.class.getResourceAsStream("/keys/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test key " + name);
      }
      Path file = dir.resolve(name);
      Files.copy(in, file);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
