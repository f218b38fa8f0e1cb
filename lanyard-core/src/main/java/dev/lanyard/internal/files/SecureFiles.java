package dev.lanyard.internal.files;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owner-only files and folders, and crash-safe replacement of a file: on POSIX file systems new
 * files are 0600 and new folders 0700; elsewhere the platform's defaults apply.
 */
public final class SecureFiles {
  public static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  public static final Set<PosixFilePermission> OWNER_FOLDER =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> SHARED =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE);

  /** Paths already warned about: one warning per path and process is enough. */
  private static final Set<Path> WARNED = ConcurrentHashMap.newKeySet();

  private SecureFiles() {}

  /** Made when a message is logged: SLF4J's start-up is not on {@code lanyard token}'s path. */
  private static Logger log() {
    return LoggerFactory.getLogger(SecureFiles.class);
  }

  /** The attributes that create a file or folder with {@code permissions}, when POSIX. */
  public static FileAttribute<?>[] permissions(Path path, Set<PosixFilePermission> permissions) {
    if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
  }

  /**
   * The folder that holds {@code file}. The stores check when they are built that their file lies
   * inside a folder, so the exception is for a caller that did not.
   */
  public static Path folderOf(Path file) {
    Path folder = file.getParent();
    if (folder == null) {
      throw new IllegalArgumentException("file must name a file inside a folder: " + file);
    }
    return folder;
  }

  /** Creates {@code folder} (and missing parents) 0700; warns when an existing one is shared. */
  public static void ensureFolder(Path folder) throws IOException {
    if (Files.isDirectory(folder)) {
      warnIfShared(folder, "Folder", "700");
      return;
    }
    Files.createDirectories(folder, permissions(folder, OWNER_FOLDER));
  }

  /** Warns once per path when others may read or write {@code path}. */
  public static void warnIfShared(Path path, String what, String mode) {
    if (WARNED.contains(path)
        || !path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
      if (perms.stream().anyMatch(SHARED::contains) && WARNED.add(path)) {
        log()
            .warn(
                "{} {} is open to other users ({}); restrict it with chmod {}",
                what,
                path,
                PosixFilePermissions.toString(perms),
                mode);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // Only a warning is at stake; the read or write that follows reports real trouble.
    }
  }

  /**
   * Replaces {@code file} with {@code bytes} so that a crash leaves the old or the new content:
   * write a 0600 temp file in the same folder, force it to disk, rename it over the file, then sync
   * the folder (best effort). An empty folder in the file's place is removed first.
   */
  public static void replace(Path file, byte[] bytes) throws IOException {
    Path folder = folderOf(file);
    ensureFolder(folder);
    Path temp =
        Files.createTempFile(
            folder, "." + file.getFileName() + ".", ".tmp", permissions(folder, OWNER_FILE));
    boolean moved = false;
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
        Files.delete(file); // fails, naming the path, unless the folder is empty
      }
      Files.move(temp, file, ATOMIC_MOVE, REPLACE_EXISTING);
      moved = true;
    } finally {
      if (!moved) {
        deleteQuietly(temp);
      }
    }
    syncFolder(folder);
  }

  /**
   * What {@code path} is when it exists and is not a regular file (after links): {@code "a FIFO"},
   * {@code "a folder"}, {@code "a device, socket or other special file"}; empty for a regular file
   * or none. Reading a FIFO blocks until someone writes to it, and a device may never end.
   */
  public static Optional<String> notRegular(Path path) {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (IOException e) {
      return Optional.empty(); // absent or unreadable: the open that follows says which
    }
    if (attrs.isRegularFile()) {
      return Optional.empty();
    }
    if (attrs.isDirectory()) {
      return Optional.of("a folder");
    }
    if (isFifo(path)) {
      return Optional.of("a FIFO");
    }
    return Optional.of("a device, socket or other special file");
  }

  private static boolean isFifo(Path path) {
    try {
      Object mode = Files.getAttribute(path, "unix:mode");
      return mode instanceof Integer m && (m & 0170000) == 0010000;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Fails with a clear message when {@code path} exists and is not a regular file: Lanyard never
   * opens a FIFO, device or socket where it expects a file of its own.
   */
  public static void requireRegularOrAbsent(Path path, String what) throws IOException {
    Optional<String> odd = notRegular(path);
    if (odd.isPresent() && !odd.get().equals("a folder")) {
      throw new FileSystemException(
          path.toString(), null, "the " + what + " is " + odd.get() + ", not a regular file");
    }
  }

  /** Deletes {@code file} if present and syncs its folder. */
  public static void delete(Path file) throws IOException {
    if (Files.deleteIfExists(file)) {
      syncFolder(folderOf(file));
    }
  }

  /** Makes a rename or delete in {@code folder} durable; not every platform can, so best effort. */
  public static void syncFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      log().debug("Cannot sync folder {}: {}", folder, e.toString());
    }
  }

  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      log().debug("Cannot delete temp file {}: {}", temp, e.toString());
    }
  }
}
