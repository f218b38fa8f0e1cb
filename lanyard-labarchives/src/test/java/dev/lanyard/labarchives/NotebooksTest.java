package dev.lanyard.labarchives;

import static dev.lanyard.labarchives.FakeLabArchivesServer.ADA;
import static dev.lanyard.labarchives.FakeLabArchivesServer.ADAS_NOTEBOOKS;
import static dev.lanyard.labarchives.FakeLabArchivesServer.ADA_UID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.MalformedResponseException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A user's notebooks: asked again later, and looked up by name. */
class NotebooksTest {
  private final FakeLabArchivesServer server = FakeLabArchivesServer.start();

  @AfterEach
  void tearDown() {
    server.close();
  }

  private static LabArchivesUser userWith(Notebook... notebooks) {
    return new LabArchivesUser(ADA_UID, ADA, Optional.empty(), List.of(notebooks));
  }

  @Test
  void notebooks_askedAgainLater_includeOneMadeSinceTheSignIn() throws Exception {
    LabArchives la = server.client().build();
    LabArchivesUser user = la.login(ADA, server.passwordToken(ADA));
    Notebook made = new Notebook("bmV3LW5vdGVib29r", "Difference engine", false);
    server.addNotebook(ADA, made);

    List<Notebook> now = la.notebooks(user);

    List<Notebook> expected = new ArrayList<>(ADAS_NOTEBOOKS);
    expected.add(made);
    assertThat(now).isEqualTo(expected);
    assertThat(user.notebooks()).as("the sign-in's snapshot").isEqualTo(ADAS_NOTEBOOKS);
    assertThat(server.calls())
        .containsExactly("/api/users/user_access_info", "/api/users/user_info_via_id");
  }

  @Test
  void user_byIdOfAnEarlierSignIn_sameUserWithNotebooks() throws Exception {
    LabArchives la = server.client().build();
    String kept = la.login(ADA, server.passwordToken(ADA)).id();

    LabArchivesUser again = la.user(kept);

    assertThat(again.id()).isEqualTo(ADA_UID);
    assertThat(again.email()).isEqualTo(ADA);
    assertThat(again.fullName()).contains("Ada Lovelace");
    assertThat(again.notebook("Analytical engine").id()).isEqualTo("NDYyMjIuOHwzNTU1Ng==");
  }

  @Test
  void user_unknownId_labArchivesErrorNotAuthentication() throws Exception {
    LabArchives la = server.client().build();

    assertThatThrownBy(() -> la.user("no-such-uid"))
        .isInstanceOf(LabArchivesApiException.class)
        .hasMessage("[4512] No user with this uid");
  }

  @Test
  void user_answerAboutAnotherUser_refused() throws Exception {
    LabArchives la = server.client().build();
    String kept = la.login(ADA, server.passwordToken(ADA)).id();
    server.answerNext("<users><id>someone-else</id><email>eve@example.org</email></users>");

    assertThatThrownBy(() -> la.user(kept))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining(
            "the LabArchives answer to users/user_info_via_id is not a user document:"
                + " it is about another user");
  }

  @Test
  void notebook_byName_theOneWithExactlyThatName() {
    LabArchivesUser user = userWith(ADAS_NOTEBOOKS.toArray(Notebook[]::new));

    assertThat(user.notebook("Notes & sketches")).isEqualTo(ADAS_NOTEBOOKS.get(1));
    assertThat(user.notebook("Analytical engine")).isEqualTo(ADAS_NOTEBOOKS.get(0));
  }

  @Test
  void notebook_absent_messageNamesTheOnesThereAre() {
    LabArchivesUser user = userWith(ADAS_NOTEBOOKS.toArray(Notebook[]::new));

    assertThatThrownBy(() -> user.notebook("analytical engine"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessage(
            "no LabArchives notebook named 'analytical engine' for ada@example.org; their"
                + " notebooks are 'Analytical engine', 'Notes & sketches'");
    assertThatThrownBy(() -> userWith().notebook("Lab book"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessage(
            "no LabArchives notebook named 'Lab book' for ada@example.org; they have no notebooks");
  }

  @Test
  void notebook_absentAmongMany_listsTenAndCountsTheRest() {
    List<Notebook> many = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      many.add(new Notebook("nb" + i, "Book " + i, false));
    }
    LabArchivesUser user = userWith(many.toArray(Notebook[]::new));

    assertThatThrownBy(() -> user.notebook("Book 13"))
        .hasMessageEndingWith("'Book 9', 'Book 10' and 2 more");
  }

  @Test
  void notebook_ambiguous_messageGivesTheIds() {
    LabArchivesUser user =
        userWith(
            new Notebook("nb-1", "Lab book", false),
            new Notebook("nb-2", "Other", true),
            new Notebook("nb-3", "Lab book", false));

    assertThatThrownBy(() -> user.notebook("Lab book"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "2 LabArchives notebooks are named 'Lab book' (ids nb-1, nb-3); pick one by id from"
                + " notebooks()");
  }

  @Test
  void notebook_nameWithControlCharacters_neutralisedInTheMessage() {
    LabArchivesUser user = userWith(new Notebook("nb-1", "Book\u001b[31m red", false));

    assertThatThrownBy(() -> user.notebook("x\nsecond line"))
        .hasMessageNotContaining("\n")
        .hasMessageNotContaining("\u001b");
  }
}
