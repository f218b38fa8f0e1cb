package dev.lanyard.profiles.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scalars, flow collections and comments of {@link Yaml}. */
final class YamlScalars {
  private YamlScalars() {}

  /** The line without its comment: a {@code #} at the start or after a space, outside quotes. */
  static String stripComment(String line, Path file, int number) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == '\\' && quote == '"') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        if (i == 0 || " [{,:-".indexOf(line.charAt(i - 1)) >= 0) {
          quote = c;
        }
      } else if (c == '#' && (i == 0 || line.charAt(i - 1) == ' ' || line.charAt(i - 1) == '\t')) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  /** Where the key of {@code key: value} ends (the colon), or -1; quoted keys are honoured. */
  static int keyEnd(String text) {
    int start = 0;
    if (!text.isEmpty() && (text.charAt(0) == '"' || text.charAt(0) == '\'')) {
      int close = closingQuote(text, 0);
      if (close < 0) {
        return -1;
      }
      start = close + 1;
    }
    for (int i = start; i < text.length(); i++) {
      if (text.charAt(i) == ':' && (i + 1 == text.length() || text.charAt(i + 1) == ' ')) {
        return i;
      }
    }
    return -1;
  }

  private static int closingQuote(String text, int open) {
    char q = text.charAt(open);
    for (int i = open + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (q == '"' && c == '\\') {
        i++;
      } else if (c == q) {
        if (q == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  /** A plain or quoted scalar; null for {@code null}, {@code ~} and nothing. */
  static String scalar(String text, Path file, int line) {
    if (text.isEmpty() || text.equals("~") || text.equals("null")) {
      return null;
    }
    char c = text.charAt(0);
    if (c == '"' || c == '\'') {
      int close = closingQuote(text, 0);
      if (close != text.length() - 1) {
        throw ConfigException.at(
            file, line, close < 0 ? "unclosed quote" : "text after a quoted value");
      }
      String body = text.substring(1, close);
      return c == '\'' ? body.replace("''", "'") : unescape(body, file, line);
    }
    if (text.contains(": ")) {
      throw ConfigException.at(file, line, "a value must not contain ': ' unless it is quoted");
    }
    return text;
  }

  private static String unescape(String body, Path file, int line) {
    StringBuilder sb = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (++i >= body.length()) {
        throw ConfigException.at(file, line, "a value ends in a lone backslash");
      }
      char e = body.charAt(i);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case '0' -> sb.append('\0');
        case '"', '\\', '/', ' ' -> sb.append(e);
        case 'u' -> {
          try {
            sb.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
          } catch (NumberFormatException | IndexOutOfBoundsException x) {
            throw ConfigException.at(file, line, "a \\u escape needs four hex digits");
          }
          i += 4;
        }
        default -> throw ConfigException.at(file, line, "unknown escape \\" + e);
      }
    }
    return sb.toString();
  }

  /** {@code [a, "b", 'c']}: a list of scalars. */
  static List<Object> flowSequence(String text, Path file, int line) {
    List<Object> list = new ArrayList<>();
    for (String part : flowParts(text, '[', ']', file, line)) {
      list.add(scalar(part, file, line));
    }
    return list;
  }

  /** {@code {k: v, k2: v2}}: a flat mapping of scalars. */
  static Map<String, Object> flowMapping(String text, Path file, int line) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (String part : flowParts(text, '{', '}', file, line)) {
      int colon = keyEnd(part);
      if (colon < 0) {
        throw ConfigException.at(file, line, "expected 'key: value' inside { }");
      }
      String key = scalar(part.substring(0, colon).strip(), file, line);
      if (key == null || map.containsKey(key)) {
        throw ConfigException.at(
            file, line, key == null ? "empty key" : "duplicate key '" + key + "'");
      }
      map.put(key, scalar(part.substring(colon + 1).strip(), file, line));
    }
    return map;
  }

  private static List<String> flowParts(String text, char open, char close, Path file, int line) {
    if (text.charAt(text.length() - 1) != close) {
      throw ConfigException.at(
          file, line, "'" + open + "' without '" + close + "' on the same line");
    }
    String body = text.substring(1, text.length() - 1).strip();
    List<String> parts = new ArrayList<>();
    if (body.isEmpty()) {
      return parts;
    }
    int start = 0;
    for (int i = 0; i <= body.length(); i++) {
      if (i < body.length() && (body.charAt(i) == '"' || body.charAt(i) == '\'')) {
        int q = closingQuote(body, i);
        if (q < 0) {
          throw ConfigException.at(file, line, "unclosed quote");
        }
        i = q;
      } else if (i == body.length() || body.charAt(i) == ',') {
        String part = body.substring(start, i).strip();
        if (part.isEmpty() || "[]{}".indexOf(part.charAt(0)) >= 0) {
          throw ConfigException.at(
              file, line, "only simple values may be nested in '" + open + "'");
        }
        parts.add(part);
        start = i + 1;
      }
    }
    return parts;
  }
}
