package dev.lanyard.cli;

import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a version-1 token file for the {@code token} fast path without the JSON library and {@code
 * java.time}'s formatter, which a warm {@code lanyard token} would otherwise load and initialise
 * for one small object (docs/performance.md). It accepts only what {@code FileTokenStore} writes: a
 * flat object of strings and the version number, instants as {@code
 * yyyy-MM-ddTHH:mm:ss[.fraction]Z}. Anything else, and a file that the core store would warn about
 * (readable by others), gives null: the caller then asks the store, which reads or reports it
 * properly. It never fails with its own message.
 */
final class TokenFileReader {
  private static final int MAX_BYTES = 64 * 1024;

  private final String s;
  private int i;

  private TokenFileReader(String s) {
    this.s = s;
  }

  /** The tokens in {@code file}, or null when the fast reading does not apply. */
  static TokenSet read(Path file) {
    try {
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
        for (PosixFilePermission x : p) {
          if (x != PosixFilePermission.OWNER_READ && x != PosixFilePermission.OWNER_WRITE) {
            return null; // the store warns about it
          }
        }
      }
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length > MAX_BYTES) {
        return null;
      }
      Map<String, Object> m =
          new TokenFileReader(new String(bytes, StandardCharsets.UTF_8)).object();
      return m == null ? null : tokens(m);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static TokenSet tokens(Map<String, Object> m) {
    if (!(m.get("version") instanceof Long v) || v != 1) {
      return null;
    }
    if (!(m.get("access_token") instanceof String access)
        || !(m.get("token_type") instanceof String type)
        || !(m.get("scope") instanceof String scope)
        || !(m.get("issued_at") instanceof String issued)) {
      return null;
    }
    TokenSet.Builder b = TokenSet.builder(access).tokenType(type).scope(Scope.of(scope));
    b.issuedAt(instant(issued));
    if (m.get("refresh_token") instanceof String r) {
      b.refreshToken(r);
    }
    if (m.get("id_token") instanceof String id) {
      b.idToken(id);
    }
    if (m.get("expires_at") instanceof String e) {
      b.expiresAt(instant(e));
    }
    if (m.get("refresh_expires_at") instanceof String e) {
      b.refreshExpiresAt(instant(e));
    }
    for (Map.Entry<String, Object> e : m.entrySet()) {
      if (e.getValue() instanceof String str && str.isEmpty() && !e.getKey().equals("scope")) {
        return null; // the store rejects empty fields; let it say so
      }
    }
    return b.build();
  }

  /** {@code yyyy-MM-ddTHH:mm:ss[.f]Z} as {@code Instant.toString} writes it. */
  static Instant instant(String t) {
    if (t.length() < 20
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || t.charAt(10) != 'T'
        || t.charAt(13) != ':'
        || t.charAt(16) != ':'
        || t.charAt(t.length() - 1) != 'Z') {
      throw new IllegalArgumentException("not an instant");
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 7);
    int day = digits(t, 8, 10);
    int hour = digits(t, 11, 13);
    int minute = digits(t, 14, 16);
    int second = digits(t, 17, 19);
    int nanos = 0;
    if (t.length() > 20) {
      if (t.charAt(19) != '.' || t.length() > 30) {
        throw new IllegalArgumentException("not an instant");
      }
      String f = t.substring(20, t.length() - 1);
      nanos = digits(f, 0, f.length()) * (int) Math.pow(10, 9 - f.length());
    }
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
      throw new IllegalArgumentException("not an instant");
    }
    return Instant.ofEpochSecond(
        daysFromCivil(year, month, day) * 86400L + hour * 3600L + minute * 60L + second, nanos);
  }

  private static int digits(String t, int from, int to) {
    if (to <= from) {
      throw new IllegalArgumentException("not an instant");
    }
    int v = 0;
    for (int k = from; k < to; k++) {
      char c = t.charAt(k);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("not an instant");
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
  private static long daysFromCivil(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }

  // ------------------------------------------------------------------ a flat JSON object

  private Map<String, Object> object() {
    Map<String, Object> m = new HashMap<>();
    ws();
    if (!eat('{')) {
      return null;
    }
    ws();
    if (eat('}')) {
      return end(m);
    }
    while (true) {
      ws();
      String key = string();
      ws();
      if (key == null || !eat(':')) {
        return null;
      }
      ws();
      Object value = peek() == '"' ? string() : number();
      if (value == null || m.put(key, value) != null) {
        return null;
      }
      ws();
      if (eat('}')) {
        return end(m);
      }
      if (!eat(',')) {
        return null;
      }
    }
  }

  private Map<String, Object> end(Map<String, Object> m) {
    ws();
    return i == s.length() ? m : null;
  }

  private String string() {
    if (!eat('"')) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    while (i < s.length()) {
      char c = s.charAt(i++);
      if (c == '"') {
        return b.toString();
      }
      if (c < 0x20) {
        return null;
      }
      if (c == '\\') {
        if (i >= s.length()) {
          return null;
        }
        char e = s.charAt(i++);
        switch (e) {
          case '"', '\\', '/' -> b.append(e);
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case 'u' -> {
            if (i + 4 > s.length()) {
              return null;
            }
            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> {
            return null;
          }
        }
      } else {
        b.append(c);
      }
    }
    return null;
  }

  private Long number() {
    int start = i;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i == start || i - start > 9 ? null : Long.valueOf(s.substring(start, i));
  }

  private char peek() {
    return i < s.length() ? s.charAt(i) : 0;
  }

  private boolean eat(char c) {
    if (peek() == c) {
      i++;
      return true;
    }
    return false;
  }

  private void ws() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
  }
}
