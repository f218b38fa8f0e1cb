package dev.lanyard;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Everything that goes wrong talking to an identity provider, or because a person must act.
 *
 * <p>The hierarchy is closed: callers can switch over it. Messages are one line a person can act on
 * and never contain a secret.
 */
public abstract sealed class LanyardException extends IOException
    permits ProviderErrorException,
        ProviderUnreachableException,
        MalformedResponseException,
        LoginRequiredException,
        NoCredentialsException,
        LoginTimeoutException,
        AuthorizationDeniedException,
        IdentityMismatchException,
        InvalidTokenException {

  private static final long serialVersionUID = 1L;

  LanyardException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
