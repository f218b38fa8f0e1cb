package dev.lanyard.internal.jwt;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The claims of a JWT that passed {@link JwtVerifier#verify(String)}: the registered claims typed,
 * every claim raw. Holds no token, so it may be logged.
 */
public final class VerifiedJwt {
  private final String issuer;
  private final @Nullable String subject;
  private final List<String> audience;
  private final Instant expiresAt;
  private final @Nullable Instant issuedAt;
  private final Map<String, Object> claims;

  VerifiedJwt(
      String issuer,
      @Nullable String subject,
      List<String> audience,
      Instant expiresAt,
      @Nullable Instant issuedAt,
      Map<String, Object> claims) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.subject = subject;
    this.audience = List.copyOf(audience);
    this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    this.issuedAt = issuedAt;
    this.claims = Map.copyOf(claims);
  }

  /** The {@code iss} claim, equal to the verifier's issuer. */
  public String issuer() {
    return issuer;
  }

  /** The {@code sub} claim: whom the token is about. */
  public Optional<String> subject() {
    return Optional.ofNullable(subject);
  }

  /** The {@code aud} claim, as a list (empty when absent). */
  public List<String> audience() {
    return audience;
  }

  /** The {@code exp} claim; a verified token always has one. */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** The {@code iat} claim. */
  public Optional<Instant> issuedAt() {
    return Optional.ofNullable(issuedAt);
  }

  /**
   * Every claim, unmodifiable, as JSON values: {@code String}, {@code Number}, {@code Boolean},
   * {@code List} and {@code Map}; times as epoch seconds.
   */
  public Map<String, Object> claims() {
    return claims;
  }

  /** A claim that is a string; empty when absent or of another type. */
  public Optional<String> stringClaim(String name) {
    Object v = claims.get(Objects.requireNonNull(name, "name"));
    return v instanceof String s ? Optional.of(s) : Optional.empty();
  }

  /**
   * A claim that is an integer, or a string of decimal digits (as some portals send ids); empty
   * when absent or neither.
   */
  public OptionalLong longClaim(String name) {
    Object v = claims.get(Objects.requireNonNull(name, "name"));
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return OptionalLong.of(((Number) v).longValue());
    }
    if (v instanceof Number n
        && n.doubleValue() == Math.rint(n.doubleValue())
        && Math.abs(n.doubleValue()) < 0x1p53) {
      return OptionalLong.of(n.longValue());
    }
    if (v instanceof String s && s.matches("-?[0-9]{1,18}")) {
      return OptionalLong.of(Long.parseLong(s));
    }
    return OptionalLong.empty();
  }

  @Override
  public String toString() {
    return "VerifiedJwt{issuer="
        + issuer
        + ", subject="
        + subject
        + ", audience="
        + audience
        + ", expiresAt="
        + expiresAt
        + '}';
  }
}
