package dev.lanyard.labarchives;

/**
 * LabArchives did not accept who is calling: error codes 4506, 4514, 4520 and 4533 (the access key,
 * the signature or its expiry, the user's one-time code or password token), or a sign-in callback
 * that carried an {@code error}. Check {@code ACCESS_KEYID}, {@code ACCESS_PWD} and the clock, or
 * sign in again.
 */
public final class LabArchivesAuthenticationException extends LabArchivesException {
  private static final long serialVersionUID = 1L;

  /**
   * An authentication error; {@link LabArchivesException#of} picks this class for the codes above.
   *
   * @param code LabArchives' error code, or the {@code error} of a sign-in callback
   * @param description the error description; null or blank when there is none
   * @param status the HTTP status of the answer, 0 when there was none
   */
  public LabArchivesAuthenticationException(String code, String description, int status) {
    super(code, description, status);
  }
}
