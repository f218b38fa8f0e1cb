package dev.lanyard.labarchives;

import dev.lanyard.MalformedResponseException;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads the {@code users/user_access_info} answer:
 *
 * <pre>{@code
 * <users>
 *   <id>...</id> <fullname>Ada Lovelace</fullname> <email>ada@example.org</email>
 *   <notebooks type="array">
 *     <notebook>
 *       <id>...</id> <name>Lab book</name> <is-default type="boolean">true</is-default>
 *     </notebook>
 *   </notebooks>
 * </users>
 * }</pre>
 */
final class UserDocument {
  private UserDocument() {}

  /** The user; the e-mail signed in with when the document names none. */
  static LabArchivesUser read(Document doc, String loginEmail, int status)
      throws MalformedResponseException {
    Element root = doc.getDocumentElement();
    if (!root.getTagName().equals("users")) {
      throw malformed(
          "its root element is " + LabArchivesException.oneLine(root.getTagName()), status);
    }
    String id = Xml.text(root, "id").orElseThrow(() -> malformed("it has no user id", status));
    List<Notebook> notebooks = new ArrayList<>();
    Element list = Xml.child(root, "notebooks").orElse(null);
    if (list != null) {
      for (Element nb : Xml.children(list, "notebook")) {
        String nbid =
            Xml.text(nb, "id").orElseThrow(() -> malformed("a notebook has no id", status));
        notebooks.add(
            new Notebook(
                nbid,
                Xml.text(nb, "name").orElse(""),
                Xml.text(nb, "is-default").map("true"::equalsIgnoreCase).orElse(false)));
      }
    }
    return new LabArchivesUser(
        id, Xml.text(root, "email").orElse(loginEmail), Xml.text(root, "fullname"), notebooks);
  }

  private static MalformedResponseException malformed(String why, int status) {
    return new MalformedResponseException(
        "the LabArchives answer to users/user_access_info is not a user document: " + why, status);
  }
}
