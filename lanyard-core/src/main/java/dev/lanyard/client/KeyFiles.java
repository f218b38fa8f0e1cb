package dev.lanyard.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** Key files are secrets: only their owner may read them, as for token files. */
final class KeyFiles {
  private static final Set<PosixFilePermission> OPEN =
      EnumSet.complementOf(
          EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));

  private KeyFiles() {}

  /**
   * Fails when others than the owner may read, write or run {@code file}; on file systems without
   * POSIX permissions there is nothing to check.
   */
  static void requireOwnerOnly(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "client key file not found");
    }
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    if (perms.stream().anyMatch(OPEN::contains)) {
      throw new IllegalArgumentException(
          "client key file "
              + file
              + " is open to other users ("
              + PosixFilePermissions.toString(perms)
              + "); restrict it with chmod 600 "
              + file);
    }
  }
}
