package dev.lanyard.profiles.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import dev.lanyard.internal.files.SecureFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@code config.yaml}. Writes replace the file atomically (a 0600 temp file in the
 * same 0700 folder, forced to disk, renamed over it); read-modify-write runs under an exclusive
 * lock on {@code config.yaml.lock}, so two {@code lanyard login} at once lose nothing.
 */
public final class ConfigFile {
  private static final String HEADER =
      "Lanyard configuration, written by the lanyard command (see docs/cli.md).\n"
          + "Secrets never go here: a profile names the variable or file that holds one.";
  private static final int MAX_BYTES = 1 << 20;

  /** Made when a message is logged: SLF4J's start-up is not on {@code lanyard token}'s path. */
  private static Logger log() {
    return LoggerFactory.getLogger(ConfigFile.class);
  }

  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  private final Path path;

  public ConfigFile(Path path) {
    this.path = path.toAbsolutePath().normalize();
  }

  public Path path() {
    return path;
  }

  /**
   * Why other users could change this config, if they can: the file, or the folder it lives in
   * (whoever can write the folder can replace the file), is group- or world-writable. The config
   * decides where secrets and refresh tokens are sent, so such a config is not the user's own.
   */
  public Optional<String> writableByOthers() {
    for (Path p : new Path[] {path, path.getParent()}) {
      try {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
        if (perms.contains(PosixFilePermission.GROUP_WRITE)
            || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
          return Optional.of(
              (p.equals(path) ? "the config file " : "the config folder ")
                  + p
                  + " is writable by other users ("
                  + PosixFilePermissions.toString(perms)
                  + "); restrict it with chmod "
                  + (p.equals(path) ? "600" : "700"));
        }
      } catch (IOException | UnsupportedOperationException e) {
        // absent, or not POSIX: nothing to say
      }
    }
    return Optional.empty();
  }

  /** The configuration; {@link Config#EMPTY} when the file does not exist. */
  public Config load() throws IOException {
    Optional<String> odd = SecureFiles.notRegular(path);
    if (odd.isPresent()) {
      // a FIFO would block the read until someone writes to it
      throw new ConfigException(path + " is " + odd.get() + ", not a regular file");
    }
    writableByOthers()
        .filter(WARNED::add)
        .ifPresent(reason -> log().warn("{}: it decides where secrets go", reason));
    byte[] bytes;
    try {
      if (Files.size(path) > MAX_BYTES) {
        throw new ConfigException(path + ": larger than 1 MiB; not a Lanyard config file");
      }
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return Config.EMPTY;
    }
    String text;
    try {
      text = UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new ConfigException(path + ": not UTF-8 text");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    return Config.fromYaml(Yaml.parse(text, path), path);
  }

  /**
   * Applies {@code change} to the current configuration under the file lock and writes the result
   * when it differs.
   *
   * @return the configuration now in the file
   */
  public Config update(UnaryOperator<Config> change) throws IOException {
    ensureFolder(path.getParent());
    Path lock = path.resolveSibling(path.getFileName() + ".lock");
    try (FileChannel channel =
        FileChannel.open(
            lock,
            java.util.Set.of(
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ),
            owner(lock, "rw-------"))) {
      channel.lock(); // released when the channel closes
      Config current = load();
      Config next = change.apply(current);
      if (!next.equals(current) || !Files.exists(path)) {
        write(next);
      }
      return next;
    }
  }

  /** Replaces the file with {@code config}, atomically, 0600. */
  public void write(Config config) throws IOException {
    Path folder = path.getParent();
    ensureFolder(folder);
    Map<String, Object> doc = config.toYaml();
    byte[] bytes = YamlWriter.write(HEADER, doc).getBytes(UTF_8);
    Path temp = Files.createTempFile(folder, ".config.", ".tmp", owner(folder, "rw-------"));
    boolean moved = false;
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
        ch.force(true);
      }
      Files.move(temp, path, ATOMIC_MOVE, REPLACE_EXISTING);
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** Creates {@code folder} and its missing parents, owner-only (0700) where POSIX. */
  public static void ensureFolder(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      Files.createDirectories(folder, owner(folder, "rwx------"));
    }
  }

  private static FileAttribute<?>[] owner(Path near, String mode) {
    if (!near.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode))
    };
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
