package dev.lanyard.internal.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Random protocol values ({@code state}, {@code nonce}, PKCE verifiers) and comparing them. */
public final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

  private Secrets() {}

  /** 256 random bits, base64url without padding: 43 characters. */
  public static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return base64Url(bytes);
  }

  /** Base64url without padding. */
  public static String base64Url(byte[] bytes) {
    return URL.encodeToString(bytes);
  }

  /** Compares in time independent of where the values differ. */
  public static boolean equal(@Nullable String a, @Nullable String b) {
    if (a == null || b == null) {
      return false;
    }
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** True when a login hint looks like an e-mail address (and so names whom to expect). */
  public static boolean looksLikeEmail(@Nullable String s) {
    return s != null && EMAIL.matcher(s).matches();
  }

  /** One line of at most 300 characters, for messages built from what a provider sent. */
  public static String oneLine(String s) {
    return dev.lanyard.internal.text.Printable.line(s);
  }
}
