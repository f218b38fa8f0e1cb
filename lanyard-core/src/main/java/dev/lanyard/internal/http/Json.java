package dev.lanyard.internal.http;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small typed reads over nimbus-jose-jwt's bundled JSON parser. */
public final class Json {
  private Json() {}

  /** Parses a JSON object, or throws {@link ParseException}. */
  public static Map<String, Object> parseObject(String json) throws ParseException {
    if (json == null || json.isBlank()) {
      throw new ParseException("empty body", 0);
    }
    return JSONObjectUtils.parse(json);
  }

  /** The JSON text of {@code object}. */
  public static String write(Map<String, ?> object) {
    return JSONObjectUtils.toJSONString(object);
  }

  /** A string member; a non-string value is a {@link ParseException}. */
  public static Optional<String> string(Map<String, Object> o, String name) throws ParseException {
    Object v = o.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof String s) {
      return Optional.of(s);
    }
    throw new ParseException(name + " is not a string", 0);
  }

  /**
   * A whole number sent as a JSON number or as a string of digits ({@code "300"}: some providers
   * quote {@code expires_in}).
   */
  public static Optional<Long> number(Map<String, Object> o, String name) throws ParseException {
    Object v = o.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new ParseException(name + " is not a number", 0);
      }
      return Optional.of(n.longValue());
    }
    if (v instanceof String s) {
      try {
        return Optional.of(Long.parseLong(s.strip()));
      } catch (NumberFormatException e) {
        try {
          double d = Double.parseDouble(s.strip());
          if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new ParseException(name + " is not a number", 0);
          }
          return Optional.of((long) d);
        } catch (NumberFormatException e2) {
          throw new ParseException(name + " is not a number", 0);
        }
      }
    }
    throw new ParseException(name + " is not a number", 0);
  }

  /** A list of strings; absent is empty. */
  public static List<String> strings(Map<String, Object> o, String name) throws ParseException {
    Object v = o.get(name);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> list) {
      for (Object e : list) {
        if (!(e instanceof String)) {
          throw new ParseException(name + " is not a list of strings", 0);
        }
      }
      @SuppressWarnings("unchecked")
      List<String> strings = (List<String>) list;
      return List.copyOf(strings);
    }
    throw new ParseException(name + " is not a list", 0);
  }

  /** A boolean member; a non-boolean value is a {@link ParseException}. */
  public static Optional<Boolean> bool(Map<String, Object> o, String name) throws ParseException {
    Object v = o.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Boolean b) {
      return Optional.of(b);
    }
    throw new ParseException(name + " is not a boolean", 0);
  }
}
