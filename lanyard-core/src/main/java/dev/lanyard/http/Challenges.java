package dev.lanyard.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the {@code error} of {@code Bearer} challenges in {@code WWW-Authenticate} headers (RFC
 * 7235 §4.1, RFC 6750 §3), leniently: a header it cannot make sense of counts as no error.
 */
final class Challenges {
  /** Errors that a new access token cannot cure (RFC 6750 §3.1). */
  private static final Set<String> NOT_CURED_BY_REFRESH =
      Set.of("insufficient_scope", "invalid_request");

  private Challenges() {}

  /**
   * True for a 401 that a new token may cure: any 401 except one whose {@code Bearer} challenge
   * says {@code error="insufficient_scope"} or {@code error="invalid_request"}.
   *
   * @param wwwAuthenticate all {@code WWW-Authenticate} header values of the response
   */
  static boolean isRefreshCase(int status, List<String> wwwAuthenticate) {
    return status == 401 && refreshMayHelp(wwwAuthenticate);
  }

  /**
   * True unless a {@code Bearer} or {@code DPoP} challenge says {@code insufficient_scope} or
   * {@code invalid_request}: no header, {@code invalid_token}, no error, or another scheme (a Basic
   * bridge API) all mean the token may be what the server refused.
   */
  static boolean refreshMayHelp(List<String> wwwAuthenticate) {
    for (String header : wwwAuthenticate) {
      List<String> errors = new ArrayList<>(bearerErrors(header));
      errors.addAll(errors(header, "DPoP"));
      for (String error : errors) {
        if (NOT_CURED_BY_REFRESH.contains(error.toLowerCase(Locale.ROOT))) {
          return false;
        }
      }
    }
    return true;
  }

  /** The {@code error} parameter of every {@code Bearer} challenge in one header value. */
  static List<String> bearerErrors(String header) {
    return errors(header, "Bearer");
  }

  /** The {@code error} parameter of every challenge of {@code scheme} in one header value. */
  static List<String> errors(String header, String scheme) {
    List<String> items = tokenize(header);
    List<String> errors = new ArrayList<>();
    boolean inBearer = false;
    for (int i = 0; i < items.size(); i++) {
      String item = items.get(i);
      if (item.equals("=") || item.equals(",") || item.startsWith("\"")) {
        continue;
      }
      boolean param =
          i + 2 < items.size() && items.get(i + 1).equals("=") && isValue(items.get(i + 2));
      if (!param) {
        // A bare token starts the next challenge (or is a token68, which never says "Bearer").
        inBearer = item.equalsIgnoreCase(scheme);
        continue;
      }
      if (inBearer && item.equalsIgnoreCase("error")) {
        errors.add(unquote(items.get(i + 2)));
      }
      i += 2;
    }
    return errors;
  }

  private static boolean isValue(String item) {
    return !item.equals("=") && !item.equals(",");
  }

  /** Splits into tokens, quoted strings (with their opening quote), "=" and ",". */
  private static List<String> tokenize(String header) {
    List<String> items = new ArrayList<>();
    int i = 0;
    int n = header.length();
    while (i < n) {
      char c = header.charAt(i);
      if (c == ' ' || c == '\t') {
        i++;
      } else if (c == '=' || c == ',') {
        items.add(String.valueOf(c));
        i++;
      } else if (c == '"') {
        StringBuilder sb = new StringBuilder("\"");
        i++;
        while (i < n && header.charAt(i) != '"') {
          if (header.charAt(i) == '\\' && i + 1 < n) {
            i++;
          }
          sb.append(header.charAt(i++));
        }
        i++; // the closing quote, if any
        items.add(sb.toString());
      } else {
        int start = i;
        while (i < n && " \t=,\"".indexOf(header.charAt(i)) < 0) {
          i++;
        }
        items.add(header.substring(start, i));
      }
    }
    return items;
  }

  private static String unquote(String value) {
    return value.startsWith("\"") ? value.substring(1) : value;
  }
}
