package dev.lanyard.verify;

import dev.lanyard.internal.text.Printable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Who signed in, from a verified ID token: the claims a status display or an identity check needs,
 * plus all claims raw.
 */
public final class Identity {
  private final String issuer;
  private final String subject;
  private final List<String> audience;
  private final @Nullable String email;
  private final boolean emailVerified;
  private final @Nullable String name;
  private final @Nullable String preferredUsername;
  private final Instant issuedAt;
  private final Instant expiresAt;
  private final Map<String, Object> claims;

  /**
   * For the verifier: all arguments come from a verified token's claims. {@code email}, {@code
   * name} and {@code preferredUsername} may be null (absent); {@code claims} holds no null values.
   */
  Identity(
      String issuer,
      String subject,
      List<String> audience,
      @Nullable String email,
      boolean emailVerified,
      @Nullable String name,
      @Nullable String preferredUsername,
      Instant issuedAt,
      Instant expiresAt,
      Map<String, Object> claims) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.subject = Objects.requireNonNull(subject, "subject");
    this.audience = List.copyOf(audience);
    this.email = email;
    this.emailVerified = emailVerified;
    this.name = name;
    this.preferredUsername = preferredUsername;
    this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
    this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    this.claims = Map.copyOf(claims);
  }

  /** The {@code iss} claim: who issued the token. */
  public String issuer() {
    return issuer;
  }

  /** The {@code sub} claim: the provider's stable id for the person or program. */
  public String subject() {
    return subject;
  }

  /** The {@code aud} claim: the clients the token was issued to. */
  public List<String> audience() {
    return audience;
  }

  /** The {@code email} claim; check {@link #emailVerified()} before trusting it. */
  public Optional<String> email() {
    return Optional.ofNullable(email);
  }

  /** True when the provider says it verified {@link #email()}. */
  public boolean emailVerified() {
    return emailVerified;
  }

  /** The {@code name} claim. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** The {@code preferred_username} claim. */
  public Optional<String> preferredUsername() {
    return Optional.ofNullable(preferredUsername);
  }

  /** The {@code iat} claim: when the ID token was issued. */
  public Instant issuedAt() {
    return issuedAt;
  }

  /** When the ID token expires (not the session). */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** Every claim of the token, unmodifiable. */
  public Map<String, Object> claims() {
    return claims;
  }

  /** The verified e-mail when there is one, else the subject: what to show a person. */
  public String displayName() {
    // chosen by whoever made the token: shown through the one sanitizer
    return Printable.line(email != null && emailVerified ? email : subject, 200);
  }

  @Override
  public String toString() {
    return "Identity{subject=" + subject + ", email=" + email + ", verified=" + emailVerified + '}';
  }
}
