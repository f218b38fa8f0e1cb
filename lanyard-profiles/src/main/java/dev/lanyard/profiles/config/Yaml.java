package dev.lanyard.profiles.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of YAML a configuration file needs, read strictly: block mappings and sequences by
 * indentation, flow sequences {@code [a, b]} and flat flow mappings {@code {k: v}}, plain, single-
 * and double-quoted scalars, comments. Every scalar is a string ({@code null}, {@code ~} and an
 * empty value are null). Anchors, aliases, tags, block scalars and complex keys are refused with
 * the line they are on, as are duplicate keys and tabs in indentation. See decision 0006.
 */
final class Yaml {
  private final Path file;
  private final List<Line> lines = new ArrayList<>();
  private int pos;

  private record Line(int number, int indent, String text) {}

  private Yaml(Path file, String text) {
    this.file = file;
    List<String> raw = splitLines(text);
    for (int i = 0; i < raw.size(); i++) {
      String content = YamlScalars.stripComment(raw.get(i), file, i + 1);
      if (content.isBlank() || (lines.isEmpty() && content.strip().equals("---"))) {
        continue;
      }
      if (content.strip().equals("...")) {
        break;
      }
      int indent = 0;
      while (indent < content.length() && content.charAt(indent) == ' ') {
        indent++;
      }
      if (indent < content.length() && content.charAt(indent) == '\t') {
        throw ConfigException.at(file, i + 1, "tabs are not allowed for indentation; use spaces");
      }
      lines.add(new Line(i + 1, indent, content.substring(indent).stripTrailing()));
    }
  }

  /** Lines split at LF or CRLF (no regex: this runs on every command's start). */
  private static List<String> splitLines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
        out.add(text.substring(start, end));
        start = i + 1;
      }
    }
    return out;
  }

  /** The document's top-level mapping; an empty document is an empty mapping. */
  static Map<String, Object> parse(String text, Path file) {
    Yaml y = new Yaml(file, text);
    if (y.lines.isEmpty()) {
      return new LinkedHashMap<>();
    }
    Line first = y.lines.get(0);
    if (first.indent != 0 || isItem(first.text)) {
      throw y.error(first, "the file must be a mapping of keys to values");
    }
    Map<String, Object> map = y.mapping(0);
    if (y.pos < y.lines.size()) {
      throw y.error(y.lines.get(y.pos), "unexpected indentation");
    }
    return map;
  }

  private static boolean isItem(String text) {
    return text.equals("-") || text.startsWith("- ");
  }

  private Map<String, Object> mapping(int indent) {
    Map<String, Object> map = new LinkedHashMap<>();
    while (pos < lines.size()) {
      Line line = lines.get(pos);
      if (line.indent < indent) {
        break;
      }
      if (line.indent > indent) {
        throw error(line, "unexpected indentation");
      }
      if (isItem(line.text)) {
        throw error(line, "a list item where a key was expected");
      }
      pos++;
      int colon = YamlScalars.keyEnd(line.text);
      if (colon < 0) {
        throw error(line, "expected 'key: value'");
      }
      String key = YamlScalars.scalar(line.text.substring(0, colon).strip(), file, line.number);
      if (key == null || key.isEmpty()) {
        throw error(line, "empty key");
      }
      if (map.containsKey(key)) {
        throw error(line, "duplicate key '" + key + "'");
      }
      String rest = line.text.substring(colon + 1).strip();
      map.put(key, rest.isEmpty() ? nested(indent) : value(rest, line));
    }
    return map;
  }

  /** The block under {@code key:}: deeper lines, or a list at the key's own indentation. */
  private Object nested(int indent) {
    if (pos >= lines.size()) {
      return null;
    }
    Line next = lines.get(pos);
    if (next.indent > indent) {
      return isItem(next.text) ? sequence(next.indent) : mapping(next.indent);
    }
    if (next.indent == indent && isItem(next.text)) {
      return sequence(indent);
    }
    return null;
  }

  private List<Object> sequence(int indent) {
    List<Object> list = new ArrayList<>();
    while (pos < lines.size()) {
      Line line = lines.get(pos);
      if (line.indent != indent || !isItem(line.text)) {
        if (line.indent > indent) {
          throw error(line, "unexpected indentation in a list");
        }
        break;
      }
      pos++;
      String item = line.text.substring(1).strip();
      if (item.isEmpty()
          || (YamlScalars.keyEnd(item) >= 0
              && !item.startsWith("\"")
              && !item.startsWith("'")
              && !item.startsWith("[")
              && !item.startsWith("{"))) {
        throw error(line, "list items must be single values");
      }
      list.add(value(item, line));
    }
    return list;
  }

  private Object value(String text, Line line) {
    char c = text.charAt(0);
    switch (c) {
      case '&', '*', '!', '|', '>', '?', '%', '@', '`' ->
          throw error(
              line, "'" + c + "' (anchors, aliases, tags, block scalars) is not supported here");
      case '[' -> {
        return YamlScalars.flowSequence(text, file, line.number);
      }
      case '{' -> {
        return YamlScalars.flowMapping(text, file, line.number);
      }
      default -> {
        return YamlScalars.scalar(text, file, line.number);
      }
    }
  }

  private ConfigException error(Line line, String message) {
    return ConfigException.at(file, line.number, message);
  }
}
