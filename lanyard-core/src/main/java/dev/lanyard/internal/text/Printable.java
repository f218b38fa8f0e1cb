package dev.lanyard.internal.text;

/**
 * Text that came from outside (a provider's error description, a user's name or e-mail from a
 * token, a URI, a server's message), made fit for a person's terminal or a log line: the one
 * sanitizer every Lanyard module uses for such text.
 *
 * <p>Control characters (C0, DEL and C1, so every ANSI/VT escape sequence loses its introducer),
 * the Unicode line and paragraph separators, and the bidirectional overrides and isolates that
 * reorder what a terminal shows are each replaced by {@code ?}; line breaks and tabs become one
 * space. What remains cannot clear a screen, set colours or a window title, move the cursor, add a
 * line to a log, or make text read differently from how it is stored.
 */
public final class Printable {
  /** The longest line {@link #line} keeps, in characters, before {@code …}. */
  public static final int MAX_LINE = 300;

  private Printable() {}

  /** One line of at most {@link #MAX_LINE} characters, neutralised and stripped. */
  public static String line(String text) {
    return line(text, MAX_LINE);
  }

  /** One line of at most {@code max} characters, neutralised and stripped. */
  public static String line(String text, int max) {
    StringBuilder b = new StringBuilder(Math.min(text.length(), max + 1));
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r' || c == '\t') {
        space = true;
        continue;
      }
      if (space) {
        b.append(' ');
        space = false;
      }
      b.append(unsafe(c) ? '?' : c);
      if (b.length() > max) {
        break;
      }
    }
    String s = b.toString().strip();
    return s.length() > max ? s.substring(0, max) + "…" : s;
  }

  /** {@link #line(String, int) A line} of at most 100 characters in double quotes. */
  public static String quoted(String text) {
    return "\"" + line(text, 100) + "\"";
  }

  /** True when {@code c} may change what a terminal shows beyond itself. */
  static boolean unsafe(char c) {
    return Character.isISOControl(c)
        || c == '\u2028'
        || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\u200e'
        || c == '\u200f'
        || c == '\u061c';
  }
}
