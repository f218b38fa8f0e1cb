package dev.lanyard.internal.loopback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The loopback server's request parser against whatever a local process or a browser sends: a
 * request or an {@link IllegalArgumentException}, and parameters that decode or are refused.
 */
class CallbackRequestPropertiesTest {
  @Provide
  Arbitrary<byte[]> heads() {
    Arbitrary<String> junk = Arbitraries.strings().all().ofMaxLength(200);
    Arbitrary<String> query =
        Arbitraries.strings().withChars("abc=&%#?+/\u0000\r\n\u00e9%zz%4").ofMaxLength(60);
    Arbitrary<String> plausible =
        Combinators.combine(
                Arbitraries.of("GET", "POST", "get", "G ET", ""),
                query,
                Arbitraries.of("HTTP/1.1", "HTTP/1.0", "HTTP/2", ""),
                Arbitraries.of("Host: 127.0.0.1:1", "Host: a\r\nHost: b", "", "X: \u001b[2J"))
            .as((m, q, v, h) -> m + " /cb?" + q + " " + v + "\r\n" + h + "\r\n\r\n");
    return Arbitraries.oneOf(junk, plausible).map(s -> s.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Property(tries = 500)
  void parse_requestOrIllegalArgument(@ForAll("heads") byte[] head) {
    CallbackRequest r;
    try {
      r = CallbackRequest.parse(head, head.length);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage().chars().filter(Character::isISOControl)).isEmpty();
      return;
    }
    assertThat(r.path()).startsWith("/");
    assertThat(r.toString()).doesNotContain("?" + r.rawQuery() + "x");
    try {
      r.parameters();
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage().chars().filter(Character::isISOControl)).isEmpty();
    }
  }
}
