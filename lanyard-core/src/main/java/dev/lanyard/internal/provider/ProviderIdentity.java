package dev.lanyard.internal.provider;

import dev.lanyard.internal.text.Printable;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Who a provider's {@link Credentials} sign in, as a status display shows it: the provider's user
 * id, and the e-mail address and name when known.
 *
 * <pre>{@code
 * ProviderIdentity who = provider.describe(credentials);
 * out.println("user id: " + who.userId());
 * out.println("e-mail:  " + who.email().orElse("-"));
 * }</pre>
 *
 * <p>{@link #toString()} leaves the user id out: for some providers it works as a credential.
 */
public final class ProviderIdentity {
  private final String userId;
  private final @Nullable String email;
  private final @Nullable String name;

  private ProviderIdentity(String userId, @Nullable String email, @Nullable String name) {
    this.userId = userId;
    this.email = email;
    this.name = name;
  }

  /** An identity with this user id, no e-mail and no name. */
  public static ProviderIdentity of(String userId) {
    return new ProviderIdentity(nonEmpty(userId, "userId"), null, null);
  }

  /** This identity with an e-mail address. */
  public ProviderIdentity withEmail(String email) {
    return new ProviderIdentity(userId, nonEmpty(email, "email"), name);
  }

  /** This identity with a display name. */
  public ProviderIdentity withName(String name) {
    return new ProviderIdentity(userId, email, nonEmpty(name, "name"));
  }

  /** The provider's id for the user. */
  public String userId() {
    return userId;
  }

  /** The user's e-mail address, when the provider tells it. */
  public Optional<String> email() {
    return Optional.ofNullable(email);
  }

  /** The user's display name, when the provider tells it. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** "Name &lt;e-mail&gt;", the e-mail, the name, or else the user id: for one-line messages. */
  public String displayName() {
    // names and e-mails come from the service: shown through the one sanitizer
    return Printable.line(rawDisplayName(), 200);
  }

  private String rawDisplayName() {
    if (name != null && email != null) {
      return name + " <" + email + ">";
    }
    return email != null ? email : name != null ? name : userId;
  }

  private static String nonEmpty(String s, String what) {
    if (Objects.requireNonNull(s, what).isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProviderIdentity p
        && userId.equals(p.userId)
        && Objects.equals(email, p.email)
        && Objects.equals(name, p.name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(userId, email, name);
  }

  @Override
  public String toString() {
    return "ProviderIdentity{email="
        + (email != null ? email : "-")
        + ", name="
        + (name != null ? name : "-")
        + ", userId=[redacted]}";
  }
}
