package dev.lanyard.profiles.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them: {@code 90} (seconds), {@code 30s}, {@code 5m}, {@code 1h30m},
 * {@code 2d}, {@code 250ms}, or ISO-8601 ({@code PT5M}); and as people read them.
 */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException naming the text when it is not a duration or is negative
   */
  public static Duration parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.matches("\\d+")) {
      return Duration.ofSeconds(Long.parseLong(t));
    }
    if (t.startsWith("p")) {
      try {
        Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
        if (!d.isNegative()) {
          return d;
        }
      } catch (DateTimeParseException e) {
        // reported below
      }
      throw invalid(text);
    }
    Matcher m = PART.matcher(t);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total =
          switch (m.group(2)) {
            case "ms" -> total.plusMillis(n);
            case "s" -> total.plusSeconds(n);
            case "m" -> total.plusMinutes(n);
            case "h" -> total.plusHours(n);
            default -> total.plusDays(n);
          };
      end = m.end();
    }
    if (end == 0 || end != t.length()) {
      throw invalid(text);
    }
    return total;
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "'" + text + "' is not a duration; write e.g. 30s, 5m, 1h30m or 90 (seconds)");
  }

  /** A short form that {@link #parse} reads back: {@code 1h30m}, {@code 45s}, {@code 0s}. */
  public static String format(Duration d) {
    long seconds = d.getSeconds();
    if (d.getNano() != 0 && seconds < 60) {
      return d.toMillis() + "ms";
    }
    StringBuilder sb = new StringBuilder();
    long days = seconds / 86_400;
    long hours = seconds / 3600 % 24;
    long minutes = seconds / 60 % 60;
    long secs = seconds % 60;
    if (days > 0) {
      sb.append(days).append('d');
    }
    if (hours > 0) {
      sb.append(hours).append('h');
    }
    if (minutes > 0) {
      sb.append(minutes).append('m');
    }
    if (secs > 0 || sb.length() == 0) {
      sb.append(secs).append('s');
    }
    return sb.toString();
  }

  /** Roughly, for people: {@code in 4 min}, {@code 2 h ago}, {@code in 3 days}. */
  public static String relative(Duration fromNow) {
    boolean past = fromNow.isNegative();
    long s = Math.abs(fromNow.toSeconds());
    String amount;
    if (s < 90) {
      amount = s + " s";
    } else if (s < 90 * 60) {
      amount = Math.round(s / 60.0) + " min";
    } else if (s < 36 * 3600) {
      amount = Math.round(s / 3600.0) + " h";
    } else {
      amount = Math.round(s / 86_400.0) + " days";
    }
    return past ? amount + " ago" : "in " + amount;
  }
}
