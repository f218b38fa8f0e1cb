package dev.lanyard.login;

import dev.lanyard.internal.oauth.Pkce;
import dev.lanyard.internal.oauth.Secrets;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a sign-in that was started remembers until its callback arrives: the {@code state} that
 * identifies it, the PKCE verifier and {@code nonce} that bind the answer to it, the redirect URI,
 * whom to expect, and when it expires. A {@link PendingLoginStore} keeps it; {@link #toString()}
 * shows none of its secrets.
 */
public final class PendingLogin {
  private final String state;
  private final String codeVerifier;
  private final String nonce;
  private final URI redirectUri;
  private final @Nullable String expectedEmail;
  private final Instant expiresAt;

  private PendingLogin(
      String state,
      String codeVerifier,
      String nonce,
      URI redirectUri,
      @Nullable String expectedEmail,
      Instant expiresAt) {
    this.state = nonEmpty(state, "state");
    this.codeVerifier = nonEmpty(codeVerifier, "codeVerifier");
    this.nonce = nonEmpty(nonce, "nonce");
    this.redirectUri = Objects.requireNonNull(redirectUri, "redirectUri");
    this.expectedEmail = expectedEmail;
    this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /**
   * A pending login as a store persisted it. Lanyard makes these itself; a store that serializes
   * them (a shared cache, a cookie-backed session) rebuilds them with this factory.
   */
  public static PendingLogin of(
      String state, String codeVerifier, String nonce, URI redirectUri, Instant expiresAt) {
    return new PendingLogin(state, codeVerifier, nonce, redirectUri, null, expiresAt);
  }

  /** This pending login, which must end with this person signed in. */
  public PendingLogin withExpectedEmail(String expectedEmail) {
    return new PendingLogin(
        state,
        codeVerifier,
        nonce,
        redirectUri,
        nonEmpty(expectedEmail, "expectedEmail"),
        expiresAt);
  }

  static PendingLogin create(URI redirectUri, @Nullable String expectedEmail, Instant expiresAt) {
    return new PendingLogin(
        Secrets.random(),
        Pkce.generate().verifier(),
        Secrets.random(),
        redirectUri,
        expectedEmail,
        expiresAt);
  }

  /** The {@code state} parameter: the key a callback is looked up by. */
  public String state() {
    return state;
  }

  /** The PKCE {@code code_verifier}; its S256 challenge went into the authorization URL. */
  public String codeVerifier() {
    return codeVerifier;
  }

  /** The {@code nonce} the ID token must carry. */
  public String nonce() {
    return nonce;
  }

  /** Where the provider sends the browser back to; the token request repeats it. */
  public URI redirectUri() {
    return redirectUri;
  }

  /** The e-mail address the signed-in person must have, when one is expected. */
  public Optional<String> expectedEmail() {
    return Optional.ofNullable(expectedEmail);
  }

  /** After this instant the callback is refused. */
  public Instant expiresAt() {
    return expiresAt;
  }

  String codeChallenge() {
    return Pkce.challengeOf(codeVerifier);
  }

  private static String nonEmpty(String s, String name) {
    if (Objects.requireNonNull(s, name).isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    return s;
  }

  @Override
  public String toString() {
    return "PendingLogin{state=[redacted], redirectUri="
        + redirectUri
        + (expectedEmail != null ? ", expectedEmail=" + expectedEmail : "")
        + ", expiresAt="
        + expiresAt
        + '}';
  }
}
