package dev.lanyard.it.cli;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

/**
 * What one finished process printed and returned.
 *
 * @param code the exit code
 * @param out standard output
 * @param err standard error
 */
record Run(int code, String out, String err) {
  /** Standard error's lines. */
  List<String> errLines() {
    return err.lines().toList();
  }

  /** Standard output as one JSON object. */
  Map<String, Object> json() {
    return Json.object(out);
  }

  /** For assertion messages: everything, so a failure says what the command said. */
  @Override
  public String toString() {
    return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }

  /** JSON parsing for the tests (nimbus's, which lanyard-core brings). */
  static final class Json {
    private Json() {}

    static Map<String, Object> object(String text) {
      try {
        return JSONObjectUtils.parse(text.strip());
      } catch (ParseException e) {
        throw new AssertionError("not a JSON object: " + text, e);
      }
    }
  }
}
