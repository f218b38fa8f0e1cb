package dev.lanyard.cli;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.Map;

/** JSON through the parser the core already carries (nimbus-jose-jwt's), as decision 0004 says. */
final class Json {
  private Json() {}

  /**
   * Compact JSON; nulls are written, keys keep their order, no HTML escaping (as nimbus writes it).
   * Written here, not by nimbus's Gson, which a warm {@code lanyard token --format json} would
   * otherwise load and initialise for one small object (docs/performance.md).
   */
  static String write(Map<String, ?> object) {
    StringBuilder b = new StringBuilder();
    value(b, object);
    return b.toString();
  }

  private static void value(StringBuilder b, Object v) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String s) {
      string(b, s);
    } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
      b.append(v);
    } else if (v instanceof Map<?, ?> m) {
      b.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          b.append(',');
        }
        first = false;
        string(b, String.valueOf(e.getKey()));
        b.append(':');
        value(b, e.getValue());
      }
      b.append('}');
    } else if (v instanceof Iterable<?> list) {
      b.append('[');
      boolean first = true;
      for (Object item : list) {
        if (!first) {
          b.append(',');
        }
        first = false;
        value(b, item);
      }
      b.append(']');
    } else {
      // Anything else (a double, say): nimbus's form, as before.
      String one = JSONObjectUtils.toJSONString(java.util.Collections.singletonMap("v", v));
      b.append(one, 5, one.length() - 1);
    }
  }

  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
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
