package dev.lanyard.labarchives;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a {@code .env} file the way the common dotenv tools do: {@code NAME=value} lines, blank
 * lines and {@code #} comments ignored, an optional {@code export} prefix, values in single quotes
 * taken as they are, values in double quotes with {@code \n \" \\} escapes, unquoted values up to a
 * {@code " #"} comment. Lines that are none of these are skipped. No variable is expanded.
 */
final class DotEnv {
  /** A larger file is not a configuration file. */
  private static final int MAX_BYTES = 256 * 1024;

  private DotEnv() {}

  /** The variables in {@code file}; empty when there is no such file. */
  static Map<String, String> read(Path file) throws IOException {
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

  static Map<String, String> parse(String text) {
    Map<String, String> vars = new LinkedHashMap<>();
    for (String raw : text.split("\r?\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).stripLeading();
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String name = line.substring(0, eq).strip();
      if (!name.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
        continue;
      }
      vars.put(name, value(line.substring(eq + 1).strip()));
    }
    return vars;
  }

  private static String value(String v) {
    if (v.length() >= 2 && v.charAt(0) == '\'' && v.indexOf('\'', 1) > 0) {
      return v.substring(1, v.indexOf('\'', 1));
    }
    if (v.length() >= 2 && v.charAt(0) == '"') {
      StringBuilder sb = new StringBuilder();
      for (int i = 1; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c == '"') {
          return sb.toString();
        }
        if (c == '\\' && i + 1 < v.length()) {
          char next = v.charAt(++i);
          sb.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
        } else {
          sb.append(c);
        }
      }
      return v; // no closing quote: take the value as written
    }
    int comment = v.indexOf(" #");
    return (comment >= 0 ? v.substring(0, comment) : v).strip();
  }
}
