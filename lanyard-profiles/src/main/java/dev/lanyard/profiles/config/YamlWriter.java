package dev.lanyard.profiles.config;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes the mappings, lists and strings of a config as block YAML that {@link Yaml} reads back.
 */
final class YamlWriter {
  /** What may stay unquoted: no spaces, no indicator first, no {@code #}, no {@code :} last. */
  private static final Pattern PLAIN =
      Pattern.compile("[A-Za-z0-9_/.~$+(][A-Za-z0-9_/.~$+()=?&,;:@%-]*(?<!:)");

  /** Plain scalars other YAML readers would take for something other than a string. */
  private static final Pattern SPECIAL =
      Pattern.compile(
          "(?i)null|~|true|false|yes|no|on|off|y|n|[-+]?[0-9.]+(e[-+]?[0-9]+)?|\\.inf|\\.nan");

  private final StringBuilder out = new StringBuilder();

  private YamlWriter() {}

  static String write(String header, Map<String, Object> doc) {
    YamlWriter w = new YamlWriter();
    if (header != null) {
      for (String line : header.split("\n")) {
        w.out.append("# ").append(line).append('\n');
      }
    }
    w.mapping(doc, 0);
    return w.out.toString();
  }

  private void mapping(Map<?, ?> map, int indent) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      pad(indent).append(quote(e.getKey().toString())).append(':');
      Object v = e.getValue();
      if (v instanceof Map<?, ?> m) {
        if (m.isEmpty()) {
          out.append(" {}\n");
        } else {
          out.append('\n');
          mapping(m, indent + 2);
        }
      } else if (v instanceof List<?> list) {
        if (list.isEmpty()) {
          out.append(" []\n");
        } else {
          out.append('\n');
          for (Object item : list) {
            pad(indent + 2).append("- ").append(quote(item.toString())).append('\n');
          }
        }
      } else if (v instanceof Number || v instanceof Boolean) {
        out.append(' ').append(v).append('\n');
      } else {
        out.append(' ').append(quote(v.toString())).append('\n');
      }
    }
  }

  private StringBuilder pad(int indent) {
    return out.append(" ".repeat(indent));
  }

  /** {@code value} as YAML: plain when that reads back the same everywhere, else double-quoted. */
  static String quote(String value) {
    if (PLAIN.matcher(value).matches() && !SPECIAL.matcher(value).matches()) {
      return value;
    }
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
