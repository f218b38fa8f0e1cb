package dev.lanyard.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys that encrypt stored tokens (AES-256-GCM): the first one writes, every one reads,
 * so keys can rotate by putting the new key first and keeping the old one until every record was
 * rewritten (each refresh rewrites its record).
 *
 * <p>Each key is 32 bytes, given in base64; several are separated by commas or whitespace. A key's
 * id, stored with every record it encrypts, is derived from the key (so nothing else needs naming)
 * and reveals nothing usable about it. Keys come from an environment variable or a file, never from
 * the command line; {@link #toString()} shows ids only.
 *
 * <pre>{@code
 * openssl rand -base64 32            # a new key
 * export LANYARD_STORE_KEY="$NEW,$OLD"
 * }</pre>
 */
public final class StoreKeys {
  private static final String FORMAT = "aesgcm1";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Insertion-ordered: the first is the current key. */
  private final Map<String, SecretKeySpec> keys;

  private final String currentId;

  private StoreKeys(Map<String, SecretKeySpec> keys) {
    this.keys = keys;
    this.currentId = keys.keySet().iterator().next();
  }

  /**
   * Keys from text: base64 keys of 32 bytes each, separated by commas or whitespace; the first
   * writes.
   *
   * @throws IllegalArgumentException when there is no key or one is not 32 bytes of base64 (the
   *     message says which position, never the text)
   */
  public static StoreKeys parse(String text) {
    Objects.requireNonNull(text, "text");
    Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    int position = 0;
    for (String part : text.trim().split("[,\\s]+")) {
      if (part.isEmpty()) {
        continue;
      }
      position++;
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(part);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("store key " + position + " is not base64");
      }
      if (bytes.length != 32) {
        throw new IllegalArgumentException(
            "store key " + position + " has " + bytes.length + " bytes, not 32 (AES-256)");
      }
      keys.putIfAbsent(idOf(bytes), new SecretKeySpec(bytes, "AES"));
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no store key given");
    }
    return new StoreKeys(keys);
  }

  /** Keys from raw 32-byte values; {@code current} writes. */
  public static StoreKeys of(byte[] current, byte[]... older) {
    List<String> encoded = new ArrayList<>();
    encoded.add(Base64.getEncoder().encodeToString(current));
    for (byte[] k : older) {
      encoded.add(Base64.getEncoder().encodeToString(k));
    }
    return parse(String.join(",", encoded));
  }

  /**
   * Keys from the environment variable {@code variable}.
   *
   * @throws IllegalArgumentException when it is unset or empty, or holds no valid keys
   */
  public static StoreKeys fromEnv(String variable) {
    String value = System.getenv(Objects.requireNonNull(variable, "variable"));
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("the environment variable " + variable + " is not set");
    }
    try {
      return parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (in " + variable + ")", e);
    }
  }

  /** Keys from a file (its whole text, as {@link #parse}). */
  public static StoreKeys fromFile(Path file) throws IOException {
    String text = Files.readString(file, UTF_8);
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (in " + file + ")", e);
    }
  }

  /** A new random key in base64, for setting up. */
  public static String generate() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** The id of the key that writes. */
  public String currentId() {
    return currentId;
  }

  /** Every key's id, the current one first. */
  public List<String> ids() {
    return List.copyOf(keys.keySet());
  }

  /** {@code plaintext} encrypted with the current key, bound to {@code context}. */
  String seal(String plaintext, String context) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(context.getBytes(UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(UTF_8));
      Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
      return FORMAT
          + "."
          + currentId
          + "."
          + b64.encodeToString(iv)
          + "."
          + b64.encodeToString(sealed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is missing from this JVM", e);
    }
  }

  /** True when {@code value} is what {@link #seal} makes. */
  static boolean isSealed(String value) {
    return value.startsWith(FORMAT + ".");
  }

  /** The key id a sealed value names. */
  static String keyIdOf(String sealed) {
    String[] parts = sealed.split("\\.", -1);
    return parts.length == 4 ? parts[1] : "(unreadable)";
  }

  /**
   * Opens what {@link #seal} made with any of these keys.
   *
   * @throws StoreKeyException when the key it names is not here, or does not open it
   * @throws IllegalArgumentException when {@code sealed} is not in the sealed format
   */
  String open(String sealed, String context) throws StoreKeyException {
    String[] parts = sealed.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals(FORMAT)) {
      throw new IllegalArgumentException("not a sealed value");
    }
    String id = parts[1];
    SecretKeySpec key = keys.get(id);
    if (key == null) {
      throw new StoreKeyException(
          "the stored tokens are encrypted with key "
              + id
              + ", which is not among the configured keys "
              + ids()
              + "; configure that key (it may follow the current one), or sign in again after"
              + " clearing the store",
          id);
    }
    try {
      Base64.Decoder b64 = Base64.getUrlDecoder();
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, b64.decode(parts[2])));
      cipher.updateAAD(context.getBytes(UTF_8));
      return new String(cipher.doFinal(b64.decode(parts[3])), UTF_8);
    } catch (AEADBadTagException e) {
      throw new StoreKeyException(
          "the stored tokens do not open with key " + id + ": they were altered or moved", id);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a sealed value");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is missing from this JVM", e);
    }
  }

  private static String idOf(byte[] key) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update("lanyard-store-key-id".getBytes(UTF_8));
      byte[] digest = sha256.digest(key);
      return "k" + HexFormat.of().formatHex(ByteBuffer.wrap(digest, 0, 4).array(), 0, 4);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The key ids, never a key. */
  @Override
  public String toString() {
    return "StoreKeys" + ids();
  }
}
