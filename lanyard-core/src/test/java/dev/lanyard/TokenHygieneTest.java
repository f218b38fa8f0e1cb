package dev.lanyard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.internal.text.Printable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tokens hold visible ASCII only (RFC 6749 Appendix A, without spaces): a {@link TokenSet} cannot
 * be built with anything else, so no output format can be made to carry an extra line; and the one
 * sanitizer for text from outside, {@link Printable}.
 */
class TokenHygieneTest {
  @ParameterizedTest
  @ValueSource(
      strings = {"at\r\nX-Injected: yes", "at\nx", "x y", "at\u0000", "at\u007f", "at\u00e9", "\t"})
  void accessToken_withIllegalCharacter_refused_messageNeverQuotesIt(String token) {
    assertThatThrownBy(() -> TokenSet.builder(token).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("accessToken holds a character a token may not hold")
        .hasMessageNotContaining(token);
  }

  @Test
  void refreshAndIdToken_checkedToo() {
    assertThatThrownBy(() -> TokenSet.builder("at").refreshToken("rt\n"))
        .hasMessageStartingWith("refreshToken holds");
    assertThatThrownBy(() -> TokenSet.builder("at").idToken("a b"))
        .hasMessageStartingWith("idToken holds");
    assertThatThrownBy(() -> TokenSet.builder("at").tokenType("Bearer\r\nX: y"))
        .hasMessageStartingWith("tokenType holds");
  }

  @Test
  void everyVisibleAsciiCharacter_allowed() {
    StringBuilder all = new StringBuilder();
    for (char c = 0x21; c <= 0x7e; c++) {
      all.append(c);
    }
    assertThat(TokenSet.builder(all.toString()).build().accessToken()).isEqualTo(all.toString());
  }

  @Test
  void printable_neutralisesEscapesControlsAndBidi() {
    String hostile = "\u001b[2J\u001b]0;title\u0007red\u009b31m\u202eevil\u2066\r\nnext\tcol";

    String shown = Printable.line(hostile);

    assertThat(shown.chars().filter(c -> Character.isISOControl(c))).isEmpty();
    assertThat(shown).doesNotContain("\u202e").doesNotContain("\u2066");
    assertThat(shown).isEqualTo("?[2J?]0;title?red?31m?evil? next col");
  }

  @Test
  void printable_cutsLongText() {
    assertThat(Printable.line("x".repeat(1000))).hasSize(Printable.MAX_LINE + 1).endsWith("…");
    assertThat(Printable.quoted("a\u001bb")).isEqualTo("\"a?b\"");
  }

  @Test
  void providerError_messageNeutralised() {
    ProviderErrorException e =
        new ProviderErrorException("bad\u001b[31m", "\u001b[2Jclear\u0007", null, 400);

    assertThat(e.getMessage()).isEqualTo("provider error bad?[31m (HTTP 400): ?[2Jclear?");
  }
}
