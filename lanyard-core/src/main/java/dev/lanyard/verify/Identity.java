package dev.lanyard.verify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who signed in, from a verified ID token: the claims a status display or an identity check needs,
 * plus all claims raw.
 */
public final class Identity {
  private final String issuer;
  private final String subject;
  private final List<String> audience;
  private final String email;
  private final boolean emailVerified;
  private final String name;
  private final String preferredUsername;
  private final Instant issuedAt;
  private final Instant expiresAt;
  private final Map<String, Object> claims;

  /** For verifiers: all arguments come from a verified token's claims. */
  public Identity(
      String issuer,
      String subject,
      List<String> audience,
      String email,
      boolean emailVerified,
      String name,
      String preferredUsername,
      Instant issuedAt,
      Instant expiresAt,
      Map<String, Object> claims) {
    this.issuer = issuer;
    this.subject = subject;
    this.audience = List.copyOf(audience);
    this.email = email;
    this.emailVerified = emailVerified;
    this.name = name;
    this.preferredUsername = preferredUsername;
    this.issuedAt = issuedAt;
    this.expiresAt = expiresAt;
    this.claims = Map.copyOf(claims);
  }

  public String issuer() {
    return issuer;
  }

  public String subject() {
    return subject;
  }

  public List<String> audience() {
    return audience;
  }

  public Optional<String> email() {
    return Optional.ofNullable(email);
  }

  /** True when the provider says it verified {@link #email()}. */
  public boolean emailVerified() {
    return emailVerified;
  }

  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  public Optional<String> preferredUsername() {
    return Optional.ofNullable(preferredUsername);
  }

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
    return email != null && emailVerified ? email : subject;
  }

  @Override
  public String toString() {
    return "Identity{subject=" + subject + ", email=" + email + ", verified=" + emailVerified + '}';
  }
}
