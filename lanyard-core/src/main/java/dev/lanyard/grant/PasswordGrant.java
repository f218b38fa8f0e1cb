package dev.lanyard.grant;

import dev.lanyard.Scope;
import dev.lanyard.internal.secret.FixedSecret;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The resource owner password grant (RFC 6749 §4.3): username and password, optionally with a
 * one-time code (Keycloak's {@code totp} field). Derive changed copies with the {@code with...}
 * methods.
 */
public final class PasswordGrant implements Grant {
  private final String username;
  private final Supplier<String> password;
  private final Scope scope;
  private final @Nullable Supplier<String> oneTimeCode;

  PasswordGrant(
      String username,
      Supplier<String> password,
      Scope scope,
      @Nullable Supplier<String> oneTimeCode) {
    if (Objects.requireNonNull(username, "username").isBlank()) {
      throw new IllegalArgumentException("username must not be blank");
    }
    this.username = username;
    this.password = Objects.requireNonNull(password, "password");
    this.scope = Objects.requireNonNull(scope, "scope");
    this.oneTimeCode = oneTimeCode;
  }

  /** This grant asking for the given scope. */
  public PasswordGrant withScope(Scope scope) {
    return new PasswordGrant(username, password, scope, oneTimeCode);
  }

  /**
   * This grant with a one-time code. A fixed code works once, so such a grant cannot
   * re-authenticate; pass a {@link #withOneTimeCode(Supplier) supplier} that makes codes to allow
   * it.
   */
  public PasswordGrant withOneTimeCode(String code) {
    return new PasswordGrant(username, password, scope, FixedSecret.of(code, "code"));
  }

  /**
   * This grant with a source of fresh one-time codes (e.g. a TOTP generator), asked per request.
   */
  public PasswordGrant withOneTimeCode(Supplier<String> codes) {
    return new PasswordGrant(username, password, scope, Objects.requireNonNull(codes, "codes"));
  }

  /** Who signs in. */
  public String username() {
    return username;
  }

  /** The password, asked only when a token request is sent. */
  public Supplier<String> password() {
    return password;
  }

  /** The source of one-time codes, asked only when a token request is sent; empty for none. */
  public Optional<Supplier<String>> oneTimeCode() {
    return Optional.ofNullable(oneTimeCode);
  }

  /** The scope asked for; empty leaves it to the provider. */
  public Scope scope() {
    return scope;
  }

  /** False with a fixed one-time code (good once), true otherwise. */
  @Override
  public boolean canReauthenticate() {
    return oneTimeCode == null || !FixedSecret.isFixed(oneTimeCode);
  }

  @Override
  public String toString() {
    return "Password{username="
        + username
        + ", password=[redacted]"
        + (oneTimeCode != null ? ", code=[redacted]" : "")
        + ", scope="
        + scope
        + '}';
  }
}
