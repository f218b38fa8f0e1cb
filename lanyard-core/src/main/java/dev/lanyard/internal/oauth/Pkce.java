package dev.lanyard.internal.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * A PKCE pair (RFC 7636): a random {@code code_verifier} and its S256 {@code code_challenge}. Only
 * S256 is made: {@code plain} would send the verifier itself in the browser's address bar.
 */
public final class Pkce {
  /** The only method made: SHA-256. */
  public static final String METHOD = "S256";

  private final String verifier;
  private final String challenge;

  private Pkce(String verifier) {
    this.verifier = verifier;
    this.challenge = challengeOf(verifier);
  }

  /** A fresh pair: 32 random bytes, base64url without padding (43 characters). */
  public static Pkce generate() {
    return new Pkce(Secrets.random());
  }

  /** The pair for a given verifier (tests: RFC 7636 appendix B). */
  public static Pkce of(String verifier) {
    Objects.requireNonNull(verifier, "verifier");
    // RFC 7636 §4.1: 43 to 128 characters of [A-Z a-z 0-9 - . _ ~].
    if (verifier.length() < 43
        || verifier.length() > 128
        || !verifier.matches("[A-Za-z0-9._~-]+")) {
      throw new IllegalArgumentException("a PKCE verifier is 43 to 128 unreserved characters");
    }
    return new Pkce(verifier);
  }

  /** BASE64URL(SHA-256(ASCII(verifier))). */
  public static String challengeOf(String verifier) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Secrets.base64Url(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** The {@code code_verifier}, sent with the code to the token endpoint. */
  public String verifier() {
    return verifier;
  }

  /** The {@code code_challenge}, sent in the authorization request. */
  public String challenge() {
    return challenge;
  }

  @Override
  public String toString() {
    return "Pkce{method=S256, verifier=[redacted]}";
  }
}
