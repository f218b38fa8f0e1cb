package dev.lanyard.labarchives;

import dev.lanyard.login.provider.Credentials;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A signed-in LabArchives user, from the {@code users/user_access_info} document: the user id
 * ({@code uid} in API calls), e-mail address, full name when given, and notebooks. The user id
 * works with the application's signature as the user's API access, so {@link #toString()} leaves it
 * out.
 *
 * <pre>{@code
 * LabArchivesUser user = labArchives.login("ada@example.org", passwordToken);
 * Notebook notebook = user.notebooks().get(0);
 * credentialStore.save(user.credentials());
 * }</pre>
 */
public record LabArchivesUser(
    String id, String email, Optional<String> fullName, List<Notebook> notebooks) {

  /** The names of the {@link Credentials} values this user is stored as. */
  static final String UID = "uid";

  static final String EMAIL = "email";
  static final String NAME = "name";

  public LabArchivesUser {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(fullName, "fullName");
    notebooks = List.copyOf(notebooks);
  }

  /**
   * This user as the provider plug-in's credentials ({@code uid}, {@code email}, {@code name}), for
   * a {@link dev.lanyard.login.provider.CredentialStore}. Notebooks are not kept: they change.
   */
  public Credentials credentials() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put(UID, id);
    values.put(EMAIL, email);
    fullName.ifPresent(n -> values.put(NAME, n));
    return Credentials.of(LabArchivesProvider.ID, values);
  }

  /** The default notebook, when the user has one. */
  public Optional<Notebook> defaultNotebook() {
    return notebooks.stream().filter(Notebook::isDefault).findFirst();
  }

  @Override
  public String toString() {
    return "LabArchivesUser{email="
        + email
        + ", fullName="
        + fullName.orElse("-")
        + ", notebooks="
        + notebooks.size()
        + ", id=[redacted]}";
  }
}
