package dev.lanyard.login.provider;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owner-only files, replaced crash-safely: the token files' rules (0600 files in 0700 folders on
 * POSIX, temp file + force + atomic rename + folder sync) for credential files. The token store's
 * helper is private to its package; this one serves credentials without depending on it.
 */
final class OwnerOnlyFiles {
  private static final Logger LOG = LoggerFactory.getLogger(OwnerOnlyFiles.class);
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> FOLDER =
      PosixFilePermissions.fromString("rwx------");

  private OwnerOnlyFiles() {}

  private static FileAttribute<?>[] permissions(Path path, Set<PosixFilePermission> permissions) {
    if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
  }

  /** Replaces {@code file} with {@code bytes}; a crash leaves the old or the new content. */
  static void replace(Path file, byte[] bytes) throws IOException {
    Path folder = file.getParent();
    if (!Files.isDirectory(folder)) {
      Files.createDirectories(folder, permissions(folder, FOLDER));
    }
    Path temp =
        Files.createTempFile(
            folder, "." + file.getFileName() + ".", ".tmp", permissions(folder, FILE));
    boolean moved = false;
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, file, ATOMIC_MOVE, REPLACE_EXISTING);
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
    syncFolder(folder);
  }

  /** Deletes {@code file} if present, durably. */
  static void delete(Path file) throws IOException {
    if (Files.deleteIfExists(file)) {
      syncFolder(file.getParent());
    }
  }

  /** Warns when others may read or write {@code file}. */
  static void warnIfShared(Path file) {
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      perms.retainAll(
          Set.of(
              PosixFilePermission.GROUP_READ,
              PosixFilePermission.GROUP_WRITE,
              PosixFilePermission.OTHERS_READ,
              PosixFilePermission.OTHERS_WRITE));
      if (!perms.isEmpty()) {
        LOG.warn("Credential file {} is open to other users; restrict it with chmod 600", file);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // only a warning is at stake
    }
  }

  private static void syncFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("Cannot sync folder {}: {}", folder, e.toString());
    }
  }
}
