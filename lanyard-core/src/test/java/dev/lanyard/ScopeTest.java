package dev.lanyard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeTest {

  @Test
  void of_spaceSeparated_keepsOrderAndDropsDuplicates() {
    Scope s = Scope.of("  openid\temail  profile email\n");
    assertThat(s.values()).containsExactly("openid", "email", "profile");
    assertThat(s.toString()).isEqualTo("openid email profile");
    assertThat(s.contains("email")).isTrue();
    assertThat(s.contains("offline_access")).isFalse();
  }

  @Test
  void of_blank_isEmpty() {
    assertThat(Scope.of("   ")).isSameAs(Scope.EMPTY);
    assertThat(Scope.of("").isEmpty()).isTrue();
    assertThat(Scope.EMPTY.toString()).isEmpty();
  }

  @Test
  void of_tokensWithOddButLegalChars_accepted() {
    Scope s = Scope.of("https://graph.example.org/.default", "read:data", "a!#[]~");
    assertThat(s.values()).hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"has space", "quo\"te", "back\\slash", "tab\there", ""})
  void of_invalidToken_refusedNamingIt(String token) {
    assertThatThrownBy(() -> Scope.of(new String[] {token}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid scope token: '" + token + "'");
  }

  /** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ), so DEL and non-ASCII are out. */
  @ParameterizedTest
  @ValueSource(strings = {"caf\u00e9", "del\u007f", "nb\u00a0sp"})
  void of_charOutsideRfc6749ScopeTokenGrammar_refused(String token) {
    assertThatThrownBy(() -> Scope.of(new String[] {token}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid scope token");
  }

  @Test
  void union_addsOtherTokensAfterOwnWithoutDuplicates() {
    Scope u = Scope.of("openid email").union(Scope.of("email offline_access"));
    assertThat(u.values()).containsExactly("openid", "email", "offline_access");
  }

  @Test
  void union_withEmpty_returnsOther() {
    Scope s = Scope.of("openid");
    assertThat(s.union(Scope.EMPTY)).isSameAs(s);
    assertThat(Scope.EMPTY.union(s)).isSameAs(s);
  }

  @Test
  void equals_sameTokensDifferentOrder_equal() {
    assertThat(Scope.of("a b")).isEqualTo(Scope.of("b a")).hasSameHashCodeAs(Scope.of("b a"));
    assertThat(Scope.of("a b")).isNotEqualTo(Scope.of("a"));
  }
}
