package dev.lanyard.labarchives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.MalformedResponseException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user document, and an XML parser that reaches nothing outside the document. */
class UserDocumentTest {

  private static LabArchivesUser read(String xml) throws Exception {
    return UserDocument.read(
        Xml.parse(xml.getBytes(StandardCharsets.UTF_8)),
        "users/user_access_info",
        "login@example.org",
        null);
  }

  @Test
  void read_userWithNotebooks_idsNotMixedUp() throws Exception {
    LabArchivesUser u =
        read(
            "<users><notebooks type=\"array\"><notebook><id>nb-1</id><name>One</name>"
                + "<is-default type=\"boolean\">TRUE</is-default></notebook>"
                + "<notebook><id>nb-2</id></notebook></notebooks>"
                + "<id> uid-9 </id><fullname>Ada</fullname></users>");

    assertThat(u.id()).isEqualTo("uid-9");
    assertThat(u.email()).isEqualTo("login@example.org");
    assertThat(u.fullName()).contains("Ada");
    assertThat(u.notebooks())
        .containsExactly(new Notebook("nb-1", "One", true), new Notebook("nb-2", "", false));
  }

  @Test
  void read_noNotebooksNoName_empty() throws Exception {
    LabArchivesUser u = read("<users><id>u</id><email>e@example.org</email></users>");

    assertThat(u.notebooks()).isEmpty();
    assertThat(u.fullName()).isEmpty();
    assertThat(u.defaultNotebook()).isEmpty();
    assertThat(u.email()).isEqualTo("e@example.org");
  }

  @Test
  void read_noEmail_theOneSignedInWith_orMalformedWhenNoneWasGiven() throws Exception {
    assertThat(read("<users><id>u</id></users>").email()).isEqualTo("login@example.org");
    assertThatThrownBy(
            () ->
                UserDocument.read(
                    Xml.parse("<users><id>u</id></users>".getBytes(StandardCharsets.UTF_8)),
                    "users/user_info_via_id",
                    null,
                    "u"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessage(
            "the LabArchives answer to users/user_info_via_id is not a user document: it has no"
                + " e-mail address");
  }

  @Test
  void read_notebookWithoutId_malformed() {
    assertThatThrownBy(() -> read("<users><id>u</id><notebooks><notebook/></notebooks></users>"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageEndingWith("a notebook has no id");
  }

  @Test
  void parse_externalEntity_refusedWithoutReadingTheFile(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("passwd"), "root:SECRET");
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE users [<!ENTITY e SYSTEM \""
            + secret.toUri()
            + "\">]><users><id>&e;</id></users>";

    assertThatThrownBy(() -> Xml.parse(xxe.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(Xml.Invalid.class)
        .hasMessageNotContaining("SECRET");
  }

  @Test
  void parse_entityExpansionBombAndExternalDtd_refused() {
    String bomb =
        "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b"
            + " \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;\">]>"
            + "<users><id>&c;</id></users>";
    String dtd =
        "<?xml version=\"1.0\"?><!DOCTYPE users SYSTEM \"http://127.0.0.1:1/x.dtd\"><users/>";

    assertThatThrownBy(() -> Xml.parse(bomb.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(Xml.Invalid.class);
    assertThatThrownBy(() -> Xml.parse(dtd.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(Xml.Invalid.class);
  }

  @Test
  void exceptions_codeSplitAndOneLineMessage() {
    assertThat(LabArchivesException.of("4520", "bad\nsig", 400))
        .isInstanceOf(LabArchivesAuthenticationException.class)
        .hasMessage("[4520] bad sig");
    assertThat(LabArchivesException.of("4501", null, 404))
        .isInstanceOf(LabArchivesApiException.class)
        .hasMessage("[4501]");
    assertThat(LabArchivesException.of("4501", " ", 0).description()).isEmpty();
  }
}
