package dev.lanyard.profiles.config;

import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The config's YAML subset against any text a file may hold: a mapping or a ConfigException. */
class YamlPropertiesTest {
  @Provide
  Arbitrary<String> documents() {
    Arbitrary<String> line =
        Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(60),
            Arbitraries.strings().withChars("ab: -[]{},'\"#&*!|>\t\\").ofMaxLength(30),
            Arbitraries.of(
                "profiles:", "  lab:", "    issuer: https://x", "a: &x [1]", "b: *x", "- a"));
    return line.list().ofMaxSize(10).map(lines -> String.join("\n", lines));
  }

  @Property(tries = 500)
  void parse_mappingOrConfigException(@ForAll("documents") String text) {
    try {
      Yaml.parse(text, Path.of("config.yaml"));
    } catch (ConfigException e) {
      org.assertj.core.api.Assertions.assertThat(e.getMessage()).isNotBlank();
    }
  }
}
