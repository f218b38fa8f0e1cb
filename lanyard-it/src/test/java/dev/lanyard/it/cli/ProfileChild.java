package dev.lanyard.it.cli;

import dev.lanyard.profiles.Profiles;
import dev.lanyard.session.TokenSession;

/**
 * A separate program that uses what {@code ./lanyard login} stored, through the library only: the
 * same lines as the snippet in docs/profiles.md. Prints the authorization header's token.
 */
public final class ProfileChild {
  private ProfileChild() {}

  /** {@code args[0]}: the profile's name. */
  public static void main(String[] args) throws Exception {
    // docs/profiles.md, "Use what lanyard login stored", line for line:
    TokenSession session = Profiles.session(args[0]);
    String header = session.authorizationHeader();
    System.out.println(header.substring("Bearer ".length()));
  }
}
