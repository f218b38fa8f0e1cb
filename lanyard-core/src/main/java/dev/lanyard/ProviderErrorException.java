package dev.lanyard;

import dev.lanyard.internal.text.Printable;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The provider answered with an OAuth error (RFC 6749 §5.2): its {@code error} code, its
 * description, and the HTTP status.
 */
public final class ProviderErrorException extends LanyardException {
  private static final long serialVersionUID = 1L;

  private final String error;
  private final @Nullable String description;
  private final @Nullable String errorUri;
  private final int status;

  /** An OAuth error response: {@code error} code, optional description and URI, HTTP status. */
  public ProviderErrorException(
      String error, @Nullable String description, @Nullable String errorUri, int status) {
    super(message(error, description, status), null);
    this.error = Objects.requireNonNull(error, "error");
    this.description = description;
    this.errorUri = errorUri;
    this.status = status;
  }

  private static String message(String error, @Nullable String description, int status) {
    StringBuilder sb = new StringBuilder("provider error ").append(Printable.line(error, 100));
    sb.append(" (HTTP ").append(status).append(')');
    if (description != null && !description.isBlank()) {
      sb.append(": ").append(oneLine(description));
    }
    return sb.toString();
  }

  static String oneLine(String s) {
    return Printable.line(s);
  }

  /** The provider's {@code error} code, e.g. {@code invalid_grant}. */
  public String error() {
    return error;
  }

  /** The provider's {@code error_description}, when it sent one. */
  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  /** The provider's {@code error_uri}, when it sent one. */
  public Optional<String> errorUri() {
    return Optional.ofNullable(errorUri);
  }

  /** The HTTP status of the error response. */
  public int status() {
    return status;
  }

  /** True when the error says the grant (code, refresh token, password) is no longer good. */
  public boolean isInvalidGrant() {
    return "invalid_grant".equals(error);
  }
}
