package dev.lanyard.verify;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Identities for tests outside this package, which cannot call the verifier's constructor. */
public final class TestIdentities {
  private TestIdentities() {}

  /** A verified-looking identity with an e-mail, a name and a preferred username. */
  public static Identity of(
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
    return new Identity(
        issuer,
        subject,
        audience,
        email,
        emailVerified,
        name,
        preferredUsername,
        issuedAt,
        expiresAt,
        claims);
  }
}
