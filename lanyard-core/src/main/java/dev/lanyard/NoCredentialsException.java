package dev.lanyard;

/** No credentials are configured at all: no grant, and no stored or given tokens. */
public final class NoCredentialsException extends LanyardException {
  private static final long serialVersionUID = 1L;

  /** Nothing to sign in with; the message names what to configure. */
  public NoCredentialsException(String message) {
    super(message, null);
  }
}
