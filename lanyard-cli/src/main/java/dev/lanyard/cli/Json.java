package dev.lanyard.cli;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.Map;

/** JSON through the parser the core already carries (nimbus-jose-jwt's), as decision 0004 says. */
final class Json {
  private Json() {}

  /** Compact JSON; nulls are written, keys keep their order, no HTML escaping. */
  static String write(Map<String, ?> object) {
    return JSONObjectUtils.toJSONString(object);
  }

  /** A JSON object; a usage error naming {@code what} when the text is not one. */
  static Map<String, Object> parse(String text, String what) {
    try {
      return JSONObjectUtils.parse(text);
    } catch (ParseException | RuntimeException e) {
      throw CliError.usage(what + " is not a JSON object");
    }
  }
}
