package dev.lanyard.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Key names for values a browser holds the secret to (a login's {@code state}, a session cookie): a
 * SHA-256 of the secret, so listing Redis's keys reveals no state or cookie that could be used.
 */
final class WebKeys {
  private WebKeys() {}

  static String hash(String secret) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(UTF_8));
      return HexFormat.of().formatHex(digest, 0, 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
