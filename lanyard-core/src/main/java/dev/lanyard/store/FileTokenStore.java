package dev.lanyard.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.lanyard.TokenSet;
import dev.lanyard.internal.files.ExclusiveSection;
import dev.lanyard.internal.files.SecureFiles;
import dev.lanyard.internal.store.TokenSetJson;
import dev.lanyard.internal.time.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps tokens in a JSON file that any number of threads and processes share safely: the command
 * line's default store.
 *
 * <p>Writes replace the file atomically (a 0600 temp file in the same folder, forced to disk, then
 * renamed over it), so a reader or a crash sees the old tokens or the new ones, never a torn file.
 * {@link #save}, {@link #clear} and {@link #update} run in an exclusive section: a lock per path
 * within this process plus an exclusive lock on {@link #lockPath()} across processes, acquired
 * within {@link #withLockTimeout the lock timeout}. {@link #load()} takes no lock. A thread already
 * inside the section may call {@code save}, {@code clear} and {@code update} again.
 *
 * <p>A file that cannot be read or parsed loads as empty, with one warning that never shows its
 * contents; it stays as it is until new tokens are saved over it.
 *
 * <p>Paths are compared after {@link Path#toAbsolutePath()} and {@link Path#normalize()}: two
 * spellings of one file through a symbolic link are not supported within one process.
 */
public final class FileTokenStore implements TokenStore {
  private static final Logger LOG = LoggerFactory.getLogger(FileTokenStore.class);
  private static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(60);

  /** Larger files are not token sets; refuse them rather than read them whole. */
  private static final int MAX_BYTES = 16 * 1024 * 1024;

  private final Path file;
  private final Path lockFile;
  private final Duration lockTimeout;
  private final Sleeper sleeper;
  private final LongSupplier nanoTime;
  private final ExclusiveSection section;

  private FileTokenStore(Path file, Duration lockTimeout, Sleeper sleeper, LongSupplier nanoTime) {
    this.file = file;
    this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
    this.lockTimeout = lockTimeout;
    this.sleeper = sleeper;
    this.nanoTime = nanoTime;
    this.section = new ExclusiveSection(file, lockFile, lockTimeout, sleeper, nanoTime);
  }

  /**
   * A store in {@code file}; relative paths resolve against the working directory now.
   *
   * @throws IllegalArgumentException when {@code file} has no parent folder, such as {@code /}
   */
  public static FileTokenStore at(Path file) {
    Path absolute = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
    if (absolute.getFileName() == null || absolute.getParent() == null) {
      throw new IllegalArgumentException("file must name a file inside a folder: " + file);
    }
    return new FileTokenStore(absolute, DEFAULT_LOCK_TIMEOUT, Sleeper.SYSTEM, System::nanoTime);
  }

  /**
   * The store for one identity in {@code directory}, named by {@link #fileName}: two identities
   * never share a file.
   */
  public static FileTokenStore forIdentity(
      Path directory, String issuer, String clientId, String profile) {
    Objects.requireNonNull(directory, "directory");
    return at(directory.resolve(fileName(issuer, clientId, profile)));
  }

  /**
   * The file name for an identity: the first 32 hex digits of the SHA-256 of issuer, client id and
   * profile, each prefixed with its UTF-8 length, plus {@code .json}.
   *
   * @throws IllegalArgumentException when a part is empty
   */
  public static String fileName(String issuer, String clientId, String profile) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    hashPart(sha256, issuer, "issuer");
    hashPart(sha256, clientId, "clientId");
    hashPart(sha256, profile, "profile");
    return HexFormat.of().formatHex(sha256.digest()).substring(0, 32) + ".json";
  }

  private static void hashPart(MessageDigest sha256, String part, String name) {
    Objects.requireNonNull(part, name);
    if (part.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    byte[] bytes = part.getBytes(UTF_8);
    sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
    sha256.update(bytes);
  }

  /**
   * This store with another deadline for acquiring the exclusive section (default 60 s); zero means
   * a single attempt.
   *
   * @throws IllegalArgumentException when {@code lockTimeout} is negative
   */
  public FileTokenStore withLockTimeout(Duration lockTimeout) {
    Objects.requireNonNull(lockTimeout, "lockTimeout");
    if (lockTimeout.isNegative()) {
      throw new IllegalArgumentException("lockTimeout must not be negative: " + lockTimeout);
    }
    return new FileTokenStore(file, lockTimeout, sleeper, nanoTime);
  }

  /** This store waiting for the file lock through {@code sleeper}, timed by {@code nanoTime}. */
  FileTokenStore withWaits(Sleeper sleeper, LongSupplier nanoTime) {
    return new FileTokenStore(file, lockTimeout, sleeper, nanoTime);
  }

  /** The token file, absolute and normalized. */
  public Path path() {
    return file;
  }

  /** The deadline for acquiring the exclusive section. */
  public Duration lockTimeout() {
    return lockTimeout;
  }

  /** The lock file beside the token file: {@code <file>.lock}. It is never deleted. */
  public Path lockPath() {
    return lockFile;
  }

  /** The stored tokens; empty when there is no file or it cannot be read (logged as a warning). */
  @Override
  public Optional<TokenSet> load() {
    Optional<String> odd = SecureFiles.notRegular(file).filter(k -> !k.equals("a folder"));
    if (odd.isPresent()) {
      // opening a FIFO would block until someone writes to it; a device could be endless
      return ignored("it is " + odd.get() + ", not a regular file");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return ignored("it cannot be read (" + reason(e) + ")");
    }
    if (bytes.length > MAX_BYTES) {
      return ignored("it is larger than " + MAX_BYTES + " bytes");
    }
    TokenSet tokens;
    try {
      tokens = TokenSetJson.read(new String(bytes, UTF_8));
    } catch (TokenSetJson.Invalid e) {
      return ignored("it is not a valid token file (" + e.getMessage() + ")");
    }
    SecureFiles.warnIfShared(file, "Token file", "600");
    return Optional.of(tokens);
  }

  private Optional<TokenSet> ignored(String why) {
    LOG.warn("Ignoring token file {}: {}; a new sign-in will replace it", file, why);
    return Optional.empty();
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    return e.getClass().getSimpleName();
  }

  /** Replaces the stored tokens, in the exclusive section. */
  @Override
  public void save(TokenSet tokens) throws IOException {
    Objects.requireNonNull(tokens, "tokens");
    exclusive(() -> write(tokens));
  }

  /** Deletes the token file (not the lock file), in the exclusive section. */
  @Override
  public void clear() throws IOException {
    if (!Files.isDirectory(SecureFiles.folderOf(file))) {
      return; // nothing to clear, and no reason to create the folder for a lock file
    }
    exclusive(() -> SecureFiles.delete(file));
  }

  /** Re-reads the file in the exclusive section, and writes only what {@code update} changed. */
  @SuppressWarnings("ReferenceEquality") // the same instance back means "unchanged"
  @Override
  public TokenSet update(Update update) throws IOException {
    Objects.requireNonNull(update, "update");
    TokenSet[] result = new TokenSet[1];
    exclusive(
        () -> {
          Optional<TokenSet> current = load();
          TokenSet next = Objects.requireNonNull(update.apply(current), "update returned null");
          if (next != current.orElse(null)) {
            write(next);
          }
          result[0] = next;
        });
    return result[0];
  }

  private void exclusive(ExclusiveSection.Body body) throws IOException {
    SecureFiles.ensureFolder(SecureFiles.folderOf(file)); // for the lock file
    section.run(body);
  }

  private void write(TokenSet tokens) throws IOException {
    SecureFiles.requireRegularOrAbsent(file, "token file");
    SecureFiles.replace(file, (TokenSetJson.write(tokens) + "\n").getBytes(UTF_8));
  }

  /** The path of the token file. */
  @Override
  public String describe() {
    return file.toString();
  }

  /** The path of the token file, never its contents. */
  @Override
  public String toString() {
    return file.toString();
  }
}
