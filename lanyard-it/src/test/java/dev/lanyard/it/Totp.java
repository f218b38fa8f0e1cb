package dev.lanyard.it;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** RFC 6238 codes for the realm's OTP user (HMAC-SHA1, 6 digits, 30 s), made independently. */
final class Totp {
  /** carol's OTP secret as stored in the realm file (Keycloak keys HMAC with its UTF-8 bytes). */
  static final String CAROL_SECRET = "lanyard-carol-otp-secret";

  private Totp() {}

  static Supplier<String> now(String secret) {
    return () -> code(secret, System.currentTimeMillis() / 1000 / 30);
  }

  static String code(String secret, long counter) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
      int o = h[h.length - 1] & 0xf;
      int bin =
          ((h[o] & 0x7f) << 24)
              | ((h[o + 1] & 0xff) << 16)
              | ((h[o + 2] & 0xff) << 8)
              | (h[o + 3] & 0xff);
      return String.format("%06d", bin % 1_000_000);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
