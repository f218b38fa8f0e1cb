package dev.lanyard.internal.secret;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A secret given once as a string (a password, a one-time code, a token), held as a supplier like
 * the secrets that are drawn fresh per request; shown redacted. Telling it apart from a caller's
 * supplier tells whether a grant can ask for the secret again: a fixed one-time code or subject
 * token is good once.
 */
public final class FixedSecret implements Supplier<String> {
  private final String value;

  private FixedSecret(String value) {
    this.value = value;
  }

  /** The secret, refused when null ({@code name}) or empty ({@code "<name> must not be empty"}). */
  public static FixedSecret of(String value, String name) {
    if (Objects.requireNonNull(value, name).isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    return new FixedSecret(value);
  }

  /** True when {@code secrets} is a fixed secret rather than a source of fresh ones. */
  public static boolean isFixed(Supplier<String> secrets) {
    return secrets instanceof FixedSecret;
  }

  @Override
  public String get() {
    return value;
  }

  @Override
  public String toString() {
    return "[redacted]";
  }
}
