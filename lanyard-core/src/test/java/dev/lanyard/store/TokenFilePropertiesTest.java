package dev.lanyard.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.TokenSet;
import dev.lanyard.fuzz.HostileJson;
import dev.lanyard.internal.store.TokenSetJson;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Token files as a broken disk or another program may leave them: a token set or {@link
 * TokenSetJson.Invalid} with a reason that never quotes the contents.
 */
class TokenFilePropertiesTest {
  @Provide
  Arbitrary<String> documents() {
    Arbitrary<String> valid =
        Arbitraries.strings()
            .withCharRange('!', '~')
            .ofMinLength(1)
            .ofMaxLength(30)
            .map(t -> TokenSetJson.write(TokenSet.builder(t).refreshToken(t).build()));
    return Arbitraries.oneOf(
        HostileJson.body(
            List.of(
                "version",
                "token_type",
                "access_token",
                "refresh_token",
                "id_token",
                "scope",
                "issued_at",
                "expires_at",
                "refresh_expires_at")),
        valid,
        valid.flatMap(
            v ->
                Arbitraries.integers()
                    .between(0, v.length() - 1)
                    .map(i -> v.substring(0, i) + "\u0000\n" + v.substring(i))));
  }

  @Property(tries = 500)
  void read_tokensOrInvalid_reasonNeverQuotesTheFile(@ForAll("documents") String document) {
    try {
      TokenSet t = TokenSetJson.read(document);
      assertThat(t.accessToken()).matches("[!-~]+");
      assertThat(TokenSetJson.read(TokenSetJson.write(t))).isEqualTo(t);
    } catch (TokenSetJson.Invalid e) {
      assertThat(e.getMessage()).matches("[ -~]*");
    }
  }
}
