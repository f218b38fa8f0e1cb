package dev.lanyard.internal.http;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The access-token types Lanyard understands (RFC 6749 §7.1: a client must not use a token whose
 * type it does not understand), compared case-insensitively, each with the spelling Lanyard sends.
 * The one place to extend: a new type (DPoP, RFC 9449) is one more entry here plus what it needs to
 * be sent.
 */
public final class TokenTypes {
  /**
   * {@code DPoP} (RFC 9449) is understood here; {@code TokenEndpoint.bind} accepts it only for a
   * request that carried a proof.
   */
  private static final Map<String, String> UNDERSTOOD = Map.of("bearer", "Bearer", "dpop", "DPoP");

  private TokenTypes() {}

  /** The canonical spelling of {@code type}, or empty when Lanyard does not understand it. */
  public static Optional<String> understood(String type) {
    return Optional.ofNullable(UNDERSTOOD.get(type.strip().toLowerCase(Locale.ROOT)));
  }
}
