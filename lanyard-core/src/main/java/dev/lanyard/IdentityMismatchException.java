package dev.lanyard;

/** Someone other than the expected person signed in; nothing was stored. */
public final class IdentityMismatchException extends LanyardException {
  private static final long serialVersionUID = 1L;

  public IdentityMismatchException(String message) {
    super(message, null);
  }
}
