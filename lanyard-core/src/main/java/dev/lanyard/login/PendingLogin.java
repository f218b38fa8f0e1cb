package dev.lanyard.login;

import dev.lanyard.DpopKey;
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
 * whom to expect, when it expires, and for a DPoP login (RFC 9449) the key its code is bound to. A
 * {@link PendingLoginStore} keeps it, so whichever instance of a web app takes the callback redeems
 * the code as the one that started the sign-in would; {@link #toString()} shows none of its
 * secrets.
 */
public final class PendingLogin {
  private final String state;
  private final String codeVerifier;
  private final String nonce;
  private final URI redirectUri;
  private final @Nullable String expectedEmail;
  private final Instant expiresAt;
  private final @Nullable DpopKey dpopKey;

  private PendingLogin(
      String state,
      String codeVerifier,
      String nonce,
      URI redirectUri,
      @Nullable String expectedEmail,
      Instant expiresAt,
      @Nullable DpopKey dpopKey) {
    this.state = nonEmpty(state, "state");
    this.codeVerifier = nonEmpty(codeVerifier, "codeVerifier");
    this.nonce = nonEmpty(nonce, "nonce");
    this.redirectUri = Objects.requireNonNull(redirectUri, "redirectUri");
    this.expectedEmail = expectedEmail;
    this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    this.dpopKey = dpopKey;
  }

  /**
   * A pending login as a store persisted it. Lanyard makes these itself; a store that serializes
   * them (a shared cache, a cookie-backed session) rebuilds them with this factory.
   */
  public static PendingLogin of(
      String state, String codeVerifier, String nonce, URI redirectUri, Instant expiresAt) {
    return new PendingLogin(state, codeVerifier, nonce, redirectUri, null, expiresAt, null);
  }

  /** This pending login, which must end with this person signed in. */
  public PendingLogin withExpectedEmail(String expectedEmail) {
    return new PendingLogin(
        state,
        codeVerifier,
        nonce,
        redirectUri,
        nonEmpty(expectedEmail, "expectedEmail"),
        expiresAt,
        dpopKey);
  }

  /**
   * This pending login, whose authorization code is bound to {@code dpopKey} (its thumbprint went
   * out as {@code dpop_jkt}): a store that serializes pending logins keeps the key with the rest
   * (as {@link DpopKey#toJson()}, a secret) and rebuilds it with this.
   */
  public PendingLogin withDpopKey(DpopKey dpopKey) {
    return new PendingLogin(
        state,
        codeVerifier,
        nonce,
        redirectUri,
        expectedEmail,
        expiresAt,
        Objects.requireNonNull(dpopKey, "dpopKey"));
  }

  /** A new sign-in: fresh state, PKCE verifier and nonce; bound to {@code dpopKey} unless null. */
  static PendingLogin create(
      URI redirectUri,
      @Nullable String expectedEmail,
      Instant expiresAt,
      @Nullable DpopKey dpopKey) {
    return new PendingLogin(
        Secrets.random(),
        Pkce.generate().verifier(),
        Secrets.random(),
        redirectUri,
        expectedEmail,
        expiresAt,
        dpopKey);
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

  /**
   * The DPoP key of a sign-in that binds its tokens (RFC 9449): its thumbprint was the
   * authorization request's {@code dpop_jkt}, it signs the code redemption, and the tokens keep it.
   * A secret: a store that writes it anywhere must protect it as it protects tokens.
   */
  public Optional<DpopKey> dpopKey() {
    return Optional.ofNullable(dpopKey);
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
        + (dpopKey != null ? ", dpop=" + dpopKey : "")
        + '}';
  }
}
