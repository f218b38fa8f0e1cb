package dev.lanyard.cli;

/**
 * Colours for what people read on standard error: only when it is a terminal, never with {@code
 * NO_COLOR} set (to anything, https://no-color.org) or {@code TERM=dumb}.
 */
record Style(boolean colour) {

  static Style forStderr(Environment env) {
    return new Style(env.stderrTerminal() && allowed(env));
  }

  /** True unless {@code NO_COLOR} is set or the terminal is dumb. */
  static boolean allowed(Environment env) {
    return env.variable("NO_COLOR").isEmpty() && !"dumb".equals(env.variable("TERM").orElse(""));
  }

  String bold(String s) {
    return wrap("1", s);
  }

  String green(String s) {
    return wrap("32", s);
  }

  String yellow(String s) {
    return wrap("33", s);
  }

  String red(String s) {
    return wrap("31", s);
  }

  String dim(String s) {
    return wrap("2", s);
  }

  private String wrap(String code, String s) {
    return colour ? "\033[" + code + "m" + s + "\033[0m" : s;
  }
}
