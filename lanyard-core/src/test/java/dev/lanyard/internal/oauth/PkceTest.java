package dev.lanyard.internal.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PkceTest {
  // RFC 7636 appendix B.
  private static final int[] OCTETS = {
    116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77,
    105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121
  };
  private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

  @Test
  void challenge_rfc7636AppendixB_matches() {
    assertThat(Pkce.of(VERIFIER).challenge()).isEqualTo(CHALLENGE);
    assertThat(Pkce.challengeOf(VERIFIER)).isEqualTo(CHALLENGE);
  }

  @Test
  void verifier_rfc7636AppendixBOctets_base64urlWithoutPadding() {
    byte[] bytes = new byte[OCTETS.length];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) OCTETS[i];
    }
    assertThat(Secrets.base64Url(bytes)).isEqualTo(VERIFIER);
  }

  @Test
  void generate_32RandomBytes_43UnreservedCharactersAndUnique() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      Pkce p = Pkce.generate();
      assertThat(p.verifier()).hasSize(43).matches("[A-Za-z0-9_-]+");
      assertThat(p.challenge()).isEqualTo(Pkce.challengeOf(p.verifier())).hasSize(43);
      assertThat(seen.add(p.verifier())).isTrue();
    }
  }

  @Test
  void of_tooShortOrBadCharacters_refused() {
    assertThatThrownBy(() -> Pkce.of("short")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Pkce.of(VERIFIER.replace('-', '+')))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_redactsVerifier() {
    assertThat(Pkce.of(VERIFIER).toString()).doesNotContain(VERIFIER).contains("redacted");
  }

  @Test
  void random_stateAndNonce_atLeast128BitsAndUnique() {
    String a = Secrets.random();
    String b = Secrets.random();
    assertThat(a).hasSize(43).isNotEqualTo(b); // 256 bits
  }
}
