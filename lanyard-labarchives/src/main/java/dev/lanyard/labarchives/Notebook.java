package dev.lanyard.labarchives;

import java.util.Objects;

/**
 * A notebook the user can reach, from the {@code user_access_info} document.
 *
 * @param id LabArchives' notebook id ({@code nbid} in API calls)
 * @param name the notebook's name
 * @param isDefault whether it is the user's default notebook
 */
public record Notebook(String id, String name, boolean isDefault) {
  public Notebook {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }
}
