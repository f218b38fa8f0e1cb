package dev.lanyard.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Environment variables as the command line sees them: the process's own, over those of a {@code
 * .env} file in the working directory. A {@code .env} line is {@code NAME=value}, optionally after
 * {@code export}; values may be single-quoted (literal) or double-quoted ({@code \n}, {@code \"},
 * {@code \\} escapes); {@code #} starts a comment outside quotes. Lines in other shapes are
 * skipped: the file is often shared with other tools.
 */
final class Variables {
  /** Compiled only when there is a {@code .env} file. */
  private static final class Line {
    static final Pattern PATTERN =
        Pattern.compile("\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*?)\\s*");
  }

  private final Map<String, String> process;
  private final Map<String, String> dotenv;

  private Variables(Map<String, String> process, Map<String, String> dotenv) {
    this.process = process;
    this.dotenv = dotenv;
  }

  /** The process's variables over the {@code .env} file in the working directory, if any. */
  static Variables of(Environment env) {
    Path file = env.workingDirectory().resolve(".env");
    Map<String, String> dotenv = Map.of();
    try {
      if (Files.isRegularFile(file)) {
        dotenv = parse(Files.readString(file, StandardCharsets.UTF_8));
      }
    } catch (NoSuchFileException e) {
      // gone between the check and the read: as if it never was
    } catch (IOException e) {
      throw new CliError(1, "cannot read " + file + ": " + e.getMessage());
    }
    return new Variables(env.variables(), dotenv);
  }

  /** The value of {@code name}: from the process, else from {@code .env}; empty when unset. */
  Optional<String> get(String name) {
    String v = process.get(name);
    if (v == null) {
      v = dotenv.get(name);
    }
    return Optional.ofNullable(v);
  }

  /** As {@link #get}, null when unset: a {@code Function} for lookups. */
  String getOrNull(String name) {
    return get(name).orElse(null);
  }

  /** Everything, process over {@code .env}: what a child process of {@code exec} gets. */
  Map<String, String> all() {
    Map<String, String> all = new HashMap<>(dotenv);
    all.putAll(process);
    return all;
  }

  static Map<String, String> parse(String text) {
    Map<String, String> out = new HashMap<>();
    for (String line : text.split("\r?\n")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      Matcher m = Line.PATTERN.matcher(line);
      if (!m.matches()) {
        continue;
      }
      String value = value(m.group(2));
      if (value != null) {
        out.put(m.group(1), value);
      }
    }
    return out;
  }

  private static String value(String raw) {
    if (raw.startsWith("'")) {
      int end = raw.indexOf('\'', 1);
      return end < 0 ? null : raw.substring(1, end);
    }
    if (raw.startsWith("\"")) {
      StringBuilder sb = new StringBuilder();
      for (int i = 1; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c == '"') {
          return sb.toString();
        }
        if (c == '\\' && i + 1 < raw.length()) {
          char e = raw.charAt(++i);
          sb.append(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e);
        } else {
          sb.append(c);
        }
      }
      return null;
    }
    int hash = raw.indexOf(" #");
    return (hash >= 0 ? raw.substring(0, hash) : raw).strip();
  }
}
