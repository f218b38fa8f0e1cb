package dev.lanyard.internal.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The {@code .env} reader against any text a directory may hold. */
class DotEnvPropertiesTest {
  @Provide
  Arbitrary<String> files() {
    Arbitrary<String> line =
        Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(80),
            Arbitraries.strings().withChars("AZ_az09=#'\" \\\texport\r$").ofMaxLength(40));
    return line.list().ofMaxSize(12).map(lines -> String.join("\n", lines));
  }

  @Property(tries = 500)
  void parse_neverFails_namesAreVariableNames_valuesOneLine(@ForAll("files") String text) {
    Map<String, String> vars = DotEnv.parse(text);

    vars.keySet().forEach(name -> assertThat(name).matches("[A-Za-z_][A-Za-z0-9_]*"));
    // a value spans one line of the file: only an escaped \n in double quotes makes a line break
    vars.values().forEach(value -> assertThat(value.length()).isLessThanOrEqualTo(text.length()));
  }
}
