package dev.lanyard.internal.jwt;

import dev.lanyard.InvalidTokenException;
import dev.lanyard.internal.text.Printable;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Claims as plain JSON values, read with their types checked, and shown in messages. */
public final class ClaimValues {
  private static final int MAX_SHOWN = 80;

  private ClaimValues() {}

  /** A string claim of plain claims, absent as null; any other type is an invalid token. */
  public static @Nullable String string(Map<String, Object> c, String name, String tokenName)
      throws InvalidTokenException {
    Object v = c.get(name);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw new InvalidTokenException(tokenName + " claim " + name + " is not a string");
  }

  /** JSON values as plain Map, List, String, Number and Boolean; nulls dropped. */
  public static Object plain(Object v) {
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach(
          (k, e) -> {
            if (k != null && e != null) {
              out.put(k.toString(), plain(e));
            }
          });
      return Collections.unmodifiableMap(out);
    }
    if (v instanceof List<?> list) {
      return list.stream().filter(e -> e != null).map(ClaimValues::plain).toList();
    }
    if (v instanceof Date d) {
      return d.toInstant().getEpochSecond();
    }
    if (v instanceof String || v instanceof Number || v instanceof Boolean) {
      return v;
    }
    return v.toString();
  }

  /**
   * A value from the token, fit for a one-line message: control characters replaced, long values
   * cut. Values here are chosen by whoever made the token.
   */
  public static String shown(@Nullable Object value) {
    return Printable.line(String.valueOf(value), MAX_SHOWN);
  }
}
