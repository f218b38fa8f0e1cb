package dev.lanyard.grant;

import dev.lanyard.internal.secret.FixedSecret;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A token used as it is, e.g. a personal access token, with an optional expiry: no token endpoint,
 * never refreshed.
 */
public final class StaticTokenGrant implements Grant {
  private final FixedSecret token;
  private final @Nullable Instant expiresAt;

  StaticTokenGrant(FixedSecret token, @Nullable Instant expiresAt) {
    this.token = Objects.requireNonNull(token, "token");
    this.expiresAt = expiresAt;
  }

  /** This token, known to expire at the given time. */
  public StaticTokenGrant expiringAt(Instant expiresAt) {
    return new StaticTokenGrant(token, Objects.requireNonNull(expiresAt, "expiresAt"));
  }

  /** The token, asked when a session adopts it. */
  public Supplier<String> token() {
    return token;
  }

  /** When the token expires; empty when it does not (or nobody said). */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  /** Always false: a static token is what it is. */
  @Override
  public boolean canReauthenticate() {
    return false;
  }

  @Override
  public String toString() {
    return "StaticToken{token=[redacted], expiresAt="
        + (expiresAt != null ? expiresAt : "never")
        + '}';
  }
}
