package dev.lanyard.internal.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per rule of {@link DotEnv}: a line as written, and the value it yields for {@code A}. */
class DotEnvTest {
  static Stream<Arguments> lines() {
    return Stream.of(
        // plain, spaces around name and =, = inside the value
        Arguments.of("plain", "A=1", "1"),
        Arguments.of("spaces around", "  A =  two words  ", "two words"),
        Arguments.of("= in value", "A=b=c==", "b=c=="),
        Arguments.of("empty value", "A=", ""),
        // export prefix
        Arguments.of("export", "export A=1", "1"),
        Arguments.of("export, tabs", "export\tA\t=\t1", "1"),
        // comments
        Arguments.of("comment after space", "A=value # comment", "value"),
        Arguments.of("comment after tab", "A=value\t# comment", "value"),
        Arguments.of("# inside a word", "A=url#fragment", "url#fragment"),
        Arguments.of("# as first character", "A=#notacomment", "#notacomment"),
        Arguments.of("only a comment", "A= # comment", ""),
        // single quotes: literal
        Arguments.of("single quoted", "A='single # not a comment'", "single # not a comment"),
        Arguments.of("single quoted, no escapes", "A='a\\nb'", "a\\nb"),
        Arguments.of("single quoted, then comment", "A='x' # c", "x"),
        // double quotes: escapes
        Arguments.of("double quoted newline", "A=\"line\\nbreak\"", "line\nbreak"),
        Arguments.of("double quoted tab, cr", "A=\"a\\tb\\rc\"", "a\tb\rc"),
        Arguments.of(
            "double quoted quote, backslash", "A=\"say \\\"hi\\\" \\\\o/\"", "say \"hi\" \\o/"),
        Arguments.of("other backslash kept", "A=\"C:\\path\"", "C:\\path"),
        Arguments.of("double quoted, then comment", "A=\"x y\"  # c", "x y"),
        Arguments.of("double quoted, spaces kept", "A=\"  padded  \"", "  padded  "),
        // nothing expanded
        Arguments.of("no expansion", "A=$HOME/${USER}", "$HOME/${USER}"),
        // CRLF
        Arguments.of("CRLF", "A=1\r", "1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lines")
  void parse_rule(String rule, String line, String value) {
    assertThat(DotEnv.parse(line + "\n")).as(rule).containsExactly(Map.entry("A", value));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("skipped")
  void parse_malformedLine_skipped(String rule, String line) {
    assertThat(DotEnv.parse(line + "\nB=kept\n")).as(rule).containsExactly(Map.entry("B", "kept"));
  }

  static Stream<Arguments> skipped() {
    return Stream.of(
        Arguments.of("blank", "   "),
        Arguments.of("comment line", "# A=1"),
        Arguments.of("indented comment", "   # A=1"),
        Arguments.of("no =", "not a line"),
        Arguments.of("no name", "=value"),
        Arguments.of("invalid name", "A.B=1"),
        Arguments.of("name starting with a digit", "1A=1"),
        Arguments.of("unterminated double quote", "A=\"unterminated"),
        Arguments.of("unterminated single quote", "A='unterminated"),
        Arguments.of("text after closing quote", "A=\"x\"y"));
  }

  @Test
  void parse_duplicateName_lastValueWins() {
    assertThat(DotEnv.parse("A=first\nB=b\nA=second\n"))
        .containsExactly(Map.entry("A", "second"), Map.entry("B", "b"));
  }

  @Test
  void parse_byteOrderMarkAndCrlf_ignored() {
    assertThat(DotEnv.parse("\uFEFFA=1\r\nB=2\r\n"))
        .containsExactly(Map.entry("A", "1"), Map.entry("B", "2"));
  }

  @Test
  void read_missingFile_empty(@TempDir Path dir) throws IOException {
    assertThat(DotEnv.read(dir.resolve(".env"))).isEmpty();
  }

  @Test
  void read_tooLarge_refused(@TempDir Path dir) throws IOException {
    Path file = Files.write(dir.resolve(".env"), new byte[DotEnv.MAX_BYTES + 1]);

    assertThatThrownBy(() -> DotEnv.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageEndingWith("is larger than 262144 bytes; not a .env file");
  }
}
