package dev.lanyard.labarchives;

import dev.lanyard.internal.text.Printable;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * LabArchives answered an API call with an error document: its error code, its description, and the
 * HTTP status. The message reads {@code [code] description}.
 *
 * <p>Two kinds, so callers can switch over them: {@link LabArchivesAuthenticationException} for the
 * codes that mean the caller is not authenticated (4506, 4514, 4520, 4533: the access key, the
 * signature, its expiry, the user's code or password token) and for a refused sign-in callback, and
 * {@link LabArchivesApiException} for every other code. Network failures and answers that are not
 * LabArchives documents are Lanyard's own {@link dev.lanyard.ProviderUnreachableException} and
 * {@link dev.lanyard.MalformedResponseException}.
 */
public abstract sealed class LabArchivesException extends IOException
    permits LabArchivesAuthenticationException, LabArchivesApiException {
  private static final long serialVersionUID = 1L;

  /** The error codes that mean the caller is not authenticated. */
  static final Set<String> AUTHENTICATION_CODES = Set.of("4506", "4514", "4520", "4533");

  private final String code;
  private final String description;
  private final int status;

  LabArchivesException(String code, String description, int status) {
    super(message(code, description));
    this.code = Objects.requireNonNull(code, "code");
    this.description = description == null || description.isBlank() ? null : description;
    this.status = status;
  }

  /**
   * The exception for an error document: authentication for the authentication codes, API for the
   * rest.
   *
   * @param description the error description; null or blank when there is none
   * @param status the HTTP status of the answer, 0 when there was none
   */
  public static LabArchivesException of(String code, String description, int status) {
    return AUTHENTICATION_CODES.contains(code)
        ? new LabArchivesAuthenticationException(code, description, status)
        : new LabArchivesApiException(code, description, status);
  }

  private static String message(String code, String description) {
    String c = oneLine(Objects.requireNonNull(code, "code"));
    return description == null || description.isBlank()
        ? "[" + c + "]"
        : "[" + c + "] " + oneLine(description);
  }

  /** One line of at most 300 characters: the text comes from the server. */
  static String oneLine(String s) {
    return Printable.line(s);
  }

  /** LabArchives' error code, e.g. {@code 4514}. */
  public String code() {
    return code;
  }

  /** LabArchives' description of the error, when it gave one. */
  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  /** The HTTP status of the answer, or 0 when the error did not come in an HTTP answer. */
  public int status() {
    return status;
  }
}
