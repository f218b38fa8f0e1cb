package dev.lanyard.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code key=value} command-line arguments for the hand-written harnesses, with defaults. */
final class Args {
  private final Map<String, String> values = new HashMap<>();

  private Args(String[] args, Set<String> known) {
    for (String arg : args) {
      int eq = arg.indexOf('=');
      String key = eq < 0 ? arg : arg.substring(0, eq);
      if (eq < 0 || !known.contains(key)) {
        throw new IllegalArgumentException(
            "unknown argument " + arg + "; expected key=value with key one of " + known);
      }
      values.put(key, arg.substring(eq + 1));
    }
  }

  static Args parse(String[] args, Set<String> known) {
    return new Args(args, known);
  }

  int get(String key, int defaultValue) {
    String v = values.get(key);
    return v == null ? defaultValue : Integer.parseInt(v);
  }

  String get(String key, String defaultValue) {
    return values.getOrDefault(key, defaultValue);
  }
}
