package dev.lanyard.labarchives;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.internal.text.Printable;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * LabArchives' answers as a hostile or broken server may send them: a document or {@link
 * Xml.Invalid}, never an entity expansion or another exception; error texts neutralised for the
 * terminal.
 */
class XmlPropertiesTest {
  @Provide
  Arbitrary<byte[]> documents() {
    Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(80);
    Arbitrary<String> element =
        Combinators.combine(Arbitraries.of("error", "users", "error-code", "x"), text)
            .as((name, t) -> "<" + name + ">" + t + "</" + name + ">");
    Arbitrary<String> hostile =
        Arbitraries.of(
            "<!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><a>&e;</a>",
            "<!DOCTYPE a [<!ENTITY x \"xx\"><!ENTITY y \"&x;&x;&x;&x;\">]><a>&y;</a>",
            "<?xml version=\"1.0\"?><error><error-code>4514</error-code>"
                + "<error-description>\u001b[2Jbad&#27;[31m</error-description></error>",
            "");
    return Arbitraries.oneOf(text, element, hostile).map(s -> s.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 300)
  void parse_documentOrInvalid(@ForAll("documents") byte[] bytes) {
    try {
      Xml.parse(bytes);
    } catch (Xml.Invalid e) {
      assertThat(e.getMessage()).isNotNull();
    }
  }

  @Property(tries = 200)
  void errorMessages_neutralised(@ForAll String code, @ForAll String description) {
    LabArchivesException e = LabArchivesException.of(code, description, 400);

    assertThat(e.getMessage().chars().filter(Character::isISOControl)).isEmpty();
    assertThat(e.getMessage()).doesNotContain("\u202e");
    assertThat(Printable.line(description)).doesNotContain("\u001b");
  }
}
