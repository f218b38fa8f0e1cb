package dev.lanyard.http;

import dev.lanyard.NoCredentialsException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * HTTP Basic with a login and a password (RFC 7617), for APIs without OAuth: {@link
 * RequestAuthorizer#basic(String, Supplier)}.
 *
 * <p>The password is asked from its supplier on the first request and kept as the encoded header;
 * after a 401 it is asked once more, and the request is retried only when the supplier gives a
 * different one (a rotated secret, a person typing it again). Concurrent 401s ask once.
 */
final class PasswordAuthorizer implements RequestAuthorizer {
  private final String username;
  private final Supplier<String> passwords;
  private volatile @Nullable Authorization current;

  PasswordAuthorizer(String username, Supplier<String> passwords) {
    this.username = checkUsername(username);
    this.passwords = Objects.requireNonNull(passwords, "password");
  }

  @Override
  public Authorization authorize(String method, URI uri) throws NoCredentialsException {
    Authorization a = current;
    if (a != null) {
      return a;
    }
    synchronized (this) {
      a = current;
      if (a == null) {
        a = encode(passwords.get());
        current = a;
      }
      return a;
    }
  }

  @Override
  public boolean retryMayHelp(Authorization sent, ResponseHead response) {
    return response.status() == 401;
  }

  @Override
  public synchronized Authorization reauthorize(
      String method, URI uri, Authorization rejected, ResponseHead response)
      throws NoCredentialsException {
    Authorization a = current;
    if (a != null && !a.equals(rejected)) {
      return a; // another call already asked again
    }
    Authorization fresh = encode(passwords.get());
    if (fresh.equals(rejected)) {
      return rejected; // the same password again: a retry cannot help
    }
    current = fresh;
    return fresh;
  }

  private Authorization encode(@Nullable String password) throws NoCredentialsException {
    if (password == null || password.isEmpty()) {
      throw new NoCredentialsException(
          "no password for " + username + ": the password supplier gave none");
    }
    if (hasControl(password)) {
      // RFC 7617 §2: the user-pass must not contain control characters.
      throw new IllegalArgumentException(
          "the password for " + username + " contains a control character");
    }
    return Authorization.of(Map.of("Authorization", BasicBridge.encode(username, password)));
  }

  private static String checkUsername(String username) {
    BasicBridge.checkLogin(username);
    if (hasControl(username)) {
      throw new IllegalArgumentException("username must not contain control characters");
    }
    return username;
  }

  private static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "Basic{username=" + username + ", password=[redacted]}";
  }
}
