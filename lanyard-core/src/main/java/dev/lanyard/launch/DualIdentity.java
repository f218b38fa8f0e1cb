package dev.lanyard.launch;

import dev.lanyard.session.TokenSession;
import java.util.Objects;

/**
 * The two identities of a web app launched from a portal: the user's session (from a URL token or a
 * web login), to act as the person, and the app's own service session (client credentials), to act
 * as the app. Immutable; each side works with every HTTP integration.
 *
 * <pre>{@code
 * // once: the app's own identity, shared by every request
 * TokenSession service = TokenSession.builder()
 *     .issuer(issuer)
 *     .client(ClientAuthentication.secretBasic("lab-app", secret))
 *     .grant(Grant.clientCredentials())
 *     .build();
 *
 * // per launch
 * DualIdentity who = DualIdentity.of(launches.verify(token), service);
 * read(who.user());      // what the person may see
 * writeResult(who.service()); // what only the app may do
 * }</pre>
 *
 * @param user the person's session
 * @param service the app's session
 */
public record DualIdentity(TokenSession user, TokenSession service) {

  /**
   * @throws IllegalArgumentException when both are the same session
   */
  public DualIdentity {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(service, "service");
    if (user == service) {
      throw new IllegalArgumentException(
          "user and service must be two sessions: one person's, one the app's own");
    }
  }

  /** The pair of these two sessions. */
  public static DualIdentity of(TokenSession user, TokenSession service) {
    return new DualIdentity(user, service);
  }

  /** The pair of a launch token's {@linkplain LaunchToken#session() session} and the app's. */
  public static DualIdentity of(LaunchToken launch, TokenSession service) {
    return new DualIdentity(launch.session(), service);
  }

  /** The same service identity with another user, e.g. for the next launch. */
  public DualIdentity withUser(TokenSession user) {
    return new DualIdentity(user, service);
  }

  @Override
  public String toString() {
    return "DualIdentity{user=" + user + ", service=" + service + '}';
  }
}
