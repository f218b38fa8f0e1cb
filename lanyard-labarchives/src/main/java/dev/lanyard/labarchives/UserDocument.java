package dev.lanyard.labarchives;

import dev.lanyard.MalformedResponseException;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads the answer of {@code users/user_access_info} and {@code users/user_info_via_id}:
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

  /**
   * The user; the e-mail signed in with when the document names none.
   *
   * @param call the call that was answered, for messages
   * @param loginEmail the e-mail signed in with, or null when the document must name one
   * @param expectedId the user id asked about, or null when any
   */
  static LabArchivesUser read(Document doc, String call, String loginEmail, String expectedId)
      throws MalformedResponseException {
    int status = 200;
    Element root = doc.getDocumentElement();
    if (!root.getTagName().equals("users")) {
      throw malformed(
          call, "its root element is " + LabArchivesException.oneLine(root.getTagName()), status);
    }
    String id =
        Xml.text(root, "id").orElseThrow(() -> malformed(call, "it has no user id", status));
    if (expectedId != null && !expectedId.equals(id)) {
      throw malformed(call, "it is about another user", status);
    }
    String email = Xml.text(root, "email").orElse(loginEmail);
    if (email == null) {
      throw malformed(call, "it has no e-mail address", status);
    }
    List<Notebook> notebooks = new ArrayList<>();
    Element list = Xml.child(root, "notebooks").orElse(null);
    if (list != null) {
      for (Element nb : Xml.children(list, "notebook")) {
        String nbid =
            Xml.text(nb, "id").orElseThrow(() -> malformed(call, "a notebook has no id", status));
        notebooks.add(
            new Notebook(
                nbid,
                Xml.text(nb, "name").orElse(""),
                Xml.text(nb, "is-default").map("true"::equalsIgnoreCase).orElse(false)));
      }
    }
    return new LabArchivesUser(id, email, Xml.text(root, "fullname"), notebooks);
  }

  private static MalformedResponseException malformed(String call, String why, int status) {
    return new MalformedResponseException(
        "the LabArchives answer to " + call + " is not a user document: " + why, status);
  }
}
