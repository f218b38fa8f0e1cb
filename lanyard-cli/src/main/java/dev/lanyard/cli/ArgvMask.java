package dev.lanyard.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Masks what looks like a secret in a message about the command line, before it is printed: a parse
 * error quotes the arguments it could not use ({@code Unknown option: '--client-secret=…'}), and
 * such messages land in CI logs.
 *
 * <p>Masked: the value of any option whose name speaks of a secret ({@code secret}, {@code
 * password}, {@code passwd}, {@code pwd}, {@code token}, {@code key}, {@code assertion}), given as
 * {@code --name=value} or as the next argument, except the {@code -env}, {@code -file} and {@code
 * -endpoint} options, whose values are names, not secrets; and any argument that looks like a JWT.
 */
final class ArgvMask {
  static final String MASK = "****";

  private ArgvMask() {}

  /** {@code message} with every secret-looking argument of {@code args} masked. */
  static String mask(String message, String[] args) {
    Map<String, String> replace = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a == null) {
        continue;
      }
      if (looksLikeJwt(a)) {
        replace.put(a, MASK);
        continue;
      }
      if (!a.startsWith("-")) {
        continue;
      }
      int eq = a.indexOf('=');
      String name = eq > 0 ? a.substring(0, eq) : a;
      if (!namesSecret(name)) {
        continue;
      }
      if (eq > 0 && eq < a.length() - 1) {
        replace.put(a, name + "=" + MASK);
      } else if (eq < 0 && i + 1 < args.length && args[i + 1] != null) {
        String value = args[i + 1];
        if (!value.isEmpty()) {
          replace.put("'" + value + "'", "'" + MASK + "'");
          if (value.length() >= 6) {
            replace.put(value, MASK);
          }
        }
      }
    }
    String out = message;
    for (Map.Entry<String, String> e : replace.entrySet()) {
      out = out.replace(e.getKey(), e.getValue());
    }
    return out;
  }

  static boolean namesSecret(String option) {
    String n = option.toLowerCase(Locale.ROOT);
    if (n.endsWith("-env") || n.endsWith("-file") || n.endsWith("-endpoint")) {
      return false;
    }
    return n.contains("secret")
        || n.contains("password")
        || n.contains("passwd")
        || n.contains("pwd")
        || n.contains("token")
        || n.contains("key")
        || n.contains("assertion");
  }

  private static boolean looksLikeJwt(String a) {
    return a.startsWith("eyJ") && a.chars().filter(c -> c == '.').count() >= 2;
  }
}
