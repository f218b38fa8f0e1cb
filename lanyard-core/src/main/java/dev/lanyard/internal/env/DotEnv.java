package dev.lanyard.internal.env;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The one {@code .env} reader of Lanyard and its plug-ins, with the rules the common dotenv tools
 * (python-dotenv, the Node {@code dotenv} package, Docker Compose) agree on:
 *
 * <ul>
 *   <li>A line is {@code NAME=value}. The name is a shell variable name ({@code
 *       [A-Za-z_][A-Za-z0-9_]*}); spaces around it and around {@code =} are ignored. The value is
 *       everything after the first {@code =}, so it may itself hold {@code =}.
 *   <li>An {@code export } prefix is allowed and ignored, so the file can also be sourced by a
 *       shell.
 *   <li>Blank lines and lines starting with {@code #} are skipped. Lines in any other shape (no
 *       {@code =}, an invalid name, an unterminated quote, text after a closing quote) are skipped
 *       too: the file is often shared with other tools, and a half-read value is worse than none.
 *   <li>Unquoted values end at a {@code #} that follows whitespace ({@code url#fragment} keeps its
 *       {@code #}) and are stripped of surrounding spaces.
 *   <li>Single-quoted values are literal. Double-quoted values decode {@code \n \r \t \" \\}; any
 *       other backslash stays as written. A quoted value ends at its closing quote; only spaces and
 *       a {@code #} comment may follow it. Values do not span lines.
 *   <li>Nothing is expanded: {@code $HOME} stays {@code $HOME} (a secret may contain {@code $}).
 *   <li>A name given twice takes its last value, as sourcing the file would.
 *   <li>UTF-8, with or without a byte-order mark; lines end in LF or CRLF. A file over {@link
 *       #MAX_BYTES} is refused: it is not a configuration file.
 * </ul>
 */
public final class DotEnv {
  /** The largest file read: 256 KiB. */
  public static final int MAX_BYTES = 256 * 1024;

  private static final Pattern LINE =
      Pattern.compile("\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=(.*)");
  private static final Pattern AFTER_QUOTE = Pattern.compile("\\s*(?:#.*)?");

  private DotEnv() {}

  /** The variables in {@code file}, in file order; empty when there is no such file. */
  public static Map<String, String> read(Path file) throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      return Map.of();
    }
    if (bytes.length > MAX_BYTES) {
      throw new IOException(file + " is larger than " + MAX_BYTES + " bytes; not a .env file");
    }
    return parse(new String(bytes, StandardCharsets.UTF_8));
  }

  /** The variables in {@code text}, in order of first appearance, each with its last value. */
  public static Map<String, String> parse(String text) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    Map<String, String> vars = new LinkedHashMap<>();
    for (String line : t.split("\r?\n", -1)) {
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      String value = value(m.group(2));
      if (value != null) {
        vars.put(m.group(1), value);
      }
    }
    return Collections.unmodifiableMap(vars);
  }

  /** The value, or null when the line is malformed. */
  private static @Nullable String value(String raw) {
    String v = raw.stripLeading();
    if (v.startsWith("'")) {
      int end = v.indexOf('\'', 1);
      return end < 0 || !rest(v, end) ? null : v.substring(1, end);
    }
    if (v.startsWith("\"")) {
      StringBuilder sb = new StringBuilder();
      for (int i = 1; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c == '"') {
          return rest(v, i) ? sb.toString() : null;
        }
        if (c == '\\' && i + 1 < v.length()) {
          char next = v.charAt(i + 1);
          switch (next) {
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case '"', '\\' -> sb.append(next);
            default -> sb.append(c).append(next);
          }
          i++;
        } else {
          sb.append(c);
        }
      }
      return null;
    }
    for (int i = 1; i < raw.length(); i++) {
      if (raw.charAt(i) == '#' && Character.isWhitespace(raw.charAt(i - 1))) {
        return raw.substring(0, i).strip();
      }
    }
    return raw.strip();
  }

  /** True when only spaces and a comment follow the closing quote at {@code end}. */
  private static boolean rest(String v, int end) {
    return AFTER_QUOTE.matcher(v.substring(end + 1)).matches();
  }
}
