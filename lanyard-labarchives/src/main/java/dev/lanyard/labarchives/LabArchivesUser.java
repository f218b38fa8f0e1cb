package dev.lanyard.labarchives;

import dev.lanyard.internal.text.Printable;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A signed-in LabArchives user, from the {@code users/user_access_info} document: the user id
 * ({@code uid} in API calls), e-mail address, full name when given, and notebooks as they were at
 * sign-in ({@link LabArchives#notebooks(LabArchivesUser)} asks again). The user id works with the
 * application's signature as the user's API access, so {@link #toString()} leaves it out.
 *
 * <pre>{@code
 * LabArchivesUser user = la.browserLogin().login();
 * Notebook notebook = user.notebook("Lab book");
 * }</pre>
 *
 * @param id LabArchives' user id ({@code uid} in API calls); keep it server-side
 * @param email the user's e-mail address
 * @param fullName the user's full name, when LabArchives gives one
 * @param notebooks the notebooks the user can reach, in LabArchives' order
 */
public record LabArchivesUser(
    String id, String email, Optional<String> fullName, List<Notebook> notebooks) {
  /** How many names a "no such notebook" message lists at most. */
  private static final int NAMES_SHOWN = 10;

  /** Fails fast on nulls and copies the notebooks. */
  public LabArchivesUser {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(fullName, "fullName");
    notebooks = List.copyOf(notebooks);
  }

  /** The default notebook, when the user has one. */
  public Optional<Notebook> defaultNotebook() {
    return notebooks.stream().filter(Notebook::isDefault).findFirst();
  }

  /**
   * The notebook with exactly this name (case and spaces count).
   *
   * @throws NoSuchElementException when the user has none by that name; the message lists the names
   *     there are
   * @throws IllegalStateException when several have that name; the message gives their ids, so the
   *     caller can pick one from {@link #notebooks()} by {@link Notebook#id()}
   */
  public Notebook notebook(String name) {
    Objects.requireNonNull(name, "name");
    List<Notebook> named = notebooks.stream().filter(n -> n.name().equals(name)).toList();
    if (named.size() == 1) {
      return named.get(0);
    }
    if (named.isEmpty()) {
      throw new NoSuchElementException(
          "no LabArchives notebook named "
              + quoted(name)
              + " for "
              + Printable.line(email)
              + "; "
              + (notebooks.isEmpty()
                  ? "they have no notebooks"
                  : "their notebooks are " + names()));
    }
    throw new IllegalStateException(
        named.size()
            + " LabArchives notebooks are named "
            + quoted(name)
            + " (ids "
            + named.stream().map(n -> Printable.line(n.id())).collect(Collectors.joining(", "))
            + "); pick one by id from notebooks()");
  }

  private String names() {
    String shown =
        notebooks.stream()
            .limit(NAMES_SHOWN)
            .map(n -> quoted(n.name()))
            .collect(Collectors.joining(", "));
    int more = notebooks.size() - NAMES_SHOWN;
    return more > 0 ? shown + " and " + more + " more" : shown;
  }

  /** A name in quotes, one line, neutralised: it comes from LabArchives or the caller. */
  private static String quoted(String name) {
    return "'" + Printable.line(name, 100) + "'";
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
