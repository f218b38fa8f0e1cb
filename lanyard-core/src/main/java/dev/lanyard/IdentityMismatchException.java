package dev.lanyard;

/** Someone other than the expected person signed in; nothing was stored. */
public final class IdentityMismatchException extends LanyardException {
  private static final long serialVersionUID = 1L;

  /** The signed-in identity is not the expected one; nothing was stored. */
  public IdentityMismatchException(String message) {
    super(message, null);
  }
}
