package dev.lanyard.profiles.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The keys of a profile in {@code config.yaml}, each with its kind of value. Secrets are never
 * settings: a profile names where a secret comes from ({@code client_secret_env}, {@code
 * client_secret_file}, {@code password_env}), never the secret.
 */
public enum Setting {
  PROVIDER(
      "provider",
      Kind.PROVIDER,
      "a provider plug-in that is not OAuth, e.g. labarchives (instead of issuer and client_id)"),
  PRESET(
      "preset",
      Kind.NAME,
      "named provider settings to start from (cdse, terrascope, or one under presets:)"),
  ISSUER("issuer", Kind.URL, "the provider's issuer URL (OIDC discovery)"),
  CLIENT_ID("client_id", Kind.TEXT, "the OAuth client id"),
  FLOW("flow", Kind.FLOW, "browser, device, password, client-credentials, refresh-token or token"),
  SCOPES("scopes", Kind.LIST, "scopes to ask for"),
  PROJECT("project", Kind.NAME, "the application, by its name under projects, to ask a token for"),
  ENVIRONMENT("environment", Kind.NAME, "which environment's project ids to use (e.g. prod, dev)"),
  PROJECTS(
      "projects",
      Kind.PROJECTS,
      "application names to project ids, per environment (scope"
          + " urn:zitadel:iam:org:project:id:ID:aud)"),
  LOGIN_HINT("login_hint", Kind.TEXT, "who is expected to sign in (an e-mail is also checked)"),
  PORT("port", Kind.PORT, "fixed loopback port for browser login (0: any free port)"),
  CALLBACK_PATH("callback_path", Kind.PATH, "path of the loopback redirect URI"),
  TOKEN_ENDPOINT("token_endpoint", Kind.URL, "explicit token endpoint"),
  AUTHORIZATION_ENDPOINT("authorization_endpoint", Kind.URL, "explicit authorization endpoint"),
  DEVICE_ENDPOINT("device_endpoint", Kind.URL, "explicit device authorization endpoint"),
  REVOCATION_ENDPOINT("revocation_endpoint", Kind.URL, "explicit revocation endpoint (RFC 7009)"),
  REGISTRATION_ENDPOINT("registration_endpoint", Kind.URL, "explicit registration endpoint"),
  USERINFO_ENDPOINT("userinfo_endpoint", Kind.URL, "explicit userinfo endpoint"),
  AUDIENCE("audience", Kind.TEXT, "sent as the audience parameter of sign-in requests"),
  PARAMETERS("parameters", Kind.MAP, "extra parameters of sign-in requests"),
  SKEW("skew", Kind.DURATION, "renew tokens this long before they expire (default 30s)"),
  TIMEOUT("timeout", Kind.DURATION, "how long an interactive login waits"),
  USERNAME("username", Kind.TEXT, "username for password login and git"),
  CLIENT_AUTH(
      "client_auth",
      Kind.CLIENT_AUTH,
      "none, basic, post, private-key-jwt, client-secret-jwt or tls: how the client authenticates"),
  CLIENT_KEY_FILE(
      "client_key_file", Kind.TEXT, "owner-only PKCS#8 PEM or JWK file (private-key-jwt)"),
  CLIENT_KEY_ID("client_key_id", Kind.TEXT, "the kid of the client key (private-key-jwt)"),
  CLIENT_CERT_FILE(
      "client_cert_file", Kind.TEXT, "PEM client certificate for tls (key: client_key_file)"),
  DPOP("dpop", Kind.BOOLEAN, "true: DPoP-bound tokens (RFC 9449), the key kept with them"),
  PAR("par", Kind.BOOLEAN, "true: push authorization requests (RFC 9126; default: when required)"),
  CLIENT_SECRET_ENV("client_secret_env", Kind.VARIABLE, "variable that holds the client secret"),
  CLIENT_SECRET_FILE("client_secret_file", Kind.TEXT, "file that holds the client secret"),
  PASSWORD_ENV("password_env", Kind.VARIABLE, "variable that holds the password"),
  CA_FILE("ca_file", Kind.TEXT, "PEM bundle of extra CA certificates to trust (a private CA)"),
  STORE(
      "store",
      Kind.TEXT,
      "where tokens are kept: file (default), keychain, or redis://… / rediss://… shared"),
  STORE_KEY_ENV(
      "store_key_env", Kind.VARIABLE, "variable with the shared store's encryption key(s)");

  /** The kinds of values, with their parsing and YAML forms. */
  enum Kind {
    TEXT,
    URL,
    PORT,
    PATH,
    DURATION,
    LIST,
    MAP,
    FLOW,
    CLIENT_AUTH,
    BOOLEAN,
    VARIABLE,
    PROVIDER,
    NAME,
    PROJECTS
  }

  private final String key;
  private final Kind kind;
  private final String help;

  Setting(String key, Kind kind, String help) {
    this.key = key;
    this.kind = kind;
    this.help = help;
  }

  /** The key in {@code config.yaml} and {@code profile set}, e.g. {@code client_id}. */
  public String key() {
    return key;
  }

  /** One line on what the key means. */
  public String help() {
    return help;
  }

  /** The setting with this key; {@code -} and {@code _} are the same. */
  public static Setting forKey(String key) {
    String k = key.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    for (Setting s : values()) {
      if (s.key.equals(k)) {
        return s;
      }
    }
    return null;
  }

  /** All keys, comma-separated, for error messages. */
  public static String keys() {
    StringJoiner j = new StringJoiner(", ");
    for (Setting s : values()) {
      j.add(s.key);
    }
    return j.toString();
  }

  /**
   * The value for {@code text} as typed on a command line: lists split on commas and spaces,
   * durations as {@link Durations#parse}.
   *
   * @throws IllegalArgumentException naming the key when the text does not fit
   */
  public Object parse(String text) {
    try {
      return switch (kind) {
        case TEXT -> nonBlank(text);
        case URL -> url(text);
        case PORT -> port(text);
        case PATH -> path(text);
        case DURATION -> Durations.parse(text);
        case LIST -> List.of(text.strip().split("[,\\s]+"));
        case MAP -> throw new IllegalArgumentException("set entries with " + key + ".NAME=VALUE");
        case FLOW -> Flow.parse(text);
        case CLIENT_AUTH -> clientAuth(text);
        case BOOLEAN -> bool(text);
        case VARIABLE -> variable(text);
        case PROVIDER -> providerId(text);
        case NAME -> name(text);
        case PROJECTS ->
            throw new IllegalArgumentException(
                "set projects in config.yaml: projects: {NAME: ID} or NAME: {ENVIRONMENT: ID}");
      };
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
    }
  }

  /**
   * The value of a YAML node: a string, or a list or mapping for {@code scopes}/{@code parameters}.
   */
  Object fromYaml(Object node) {
    if (kind == Kind.LIST && node instanceof List<?> list) {
      List<String> out = new ArrayList<>();
      for (Object item : list) {
        if (!(item instanceof String s) || s.isBlank()) {
          throw new IllegalArgumentException(key + ": list items must be non-empty text");
        }
        out.add(s.strip());
      }
      return List.copyOf(out);
    }
    if (kind == Kind.PROJECTS) {
      return Projects.fromYaml(node);
    }
    if (kind == Kind.MAP) {
      if (!(node instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException(key + ": expected a mapping of names to values");
      }
      Map<String, String> out = new LinkedHashMap<>();
      map.forEach(
          (k, v) -> {
            if (!(v instanceof String s)) {
              throw new IllegalArgumentException(key + "." + k + ": expected a single value");
            }
            out.put((String) k, s);
          });
      return java.util.Collections.unmodifiableMap(out);
    }
    if (!(node instanceof String s)) {
      throw new IllegalArgumentException(key + ": expected a single value");
    }
    return parse(s);
  }

  /** The YAML form of a value: a string, a number (port), a list or a map of strings. */
  Object toYaml(Object value) {
    return switch (kind) {
      case DURATION -> Durations.format((Duration) value);
      case PROJECTS -> ((Projects) value).toYaml();
      case LIST, MAP, PORT, BOOLEAN -> value;
      default -> value.toString();
    };
  }

  /** The value as a person reads it (lists space-separated). */
  public String show(Object value) {
    if (value instanceof List<?> list) {
      StringJoiner j = new StringJoiner(" ");
      list.forEach(v -> j.add(v.toString()));
      return j.toString();
    }
    return toYaml(value).toString();
  }

  private static String nonBlank(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("must not be empty");
    }
    return text.strip();
  }

  private static String url(String text) {
    try {
      URI u = new URI(text.strip());
      if (!u.isAbsolute() || u.getHost() == null) {
        throw new IllegalArgumentException("'" + text + "' is not an absolute http(s) URL");
      }
      String scheme = u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http")) {
        throw new IllegalArgumentException("'" + text + "' is not an http(s) URL");
      }
      return u.toString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + text + "' is not a URL", e);
    }
  }

  private static Integer port(String text) {
    try {
      int p = Integer.parseInt(text.strip());
      if (p >= 0 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("'" + text + "' is not a port (0 to 65535)");
  }

  private static String path(String text) {
    String t = text.strip();
    if (!t.matches("/[A-Za-z0-9._~/-]*")) {
      throw new IllegalArgumentException(
          "'" + text + "' must start with / and hold only URL-safe characters");
    }
    return t;
  }

  /**
   * {@code none}, {@code basic}, {@code post}, {@code private-key-jwt} or {@code
   * client-secret-jwt}; RFC 7591 names ({@code client_secret_basic}, …) and {@code secret-basic}
   * are accepted too.
   */
  private static String clientAuth(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    t =
        switch (t) {
          case "client-secret-basic", "secret-basic" -> "basic";
          case "client-secret-post", "secret-post" -> "post";
          default -> t;
        };
    t =
        switch (t) {
          case "tls-client-auth" -> "tls";
          case "self-signed-tls-client-auth" -> "self-signed-tls";
          default -> t;
        };
    if (!List.of("none", "basic", "post", "private-key-jwt", "client-secret-jwt", "tls").contains(t)
        && !t.equals("self-signed-tls")) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not one of none, basic, post, private-key-jwt, client-secret-jwt, tls");
    }
    return t;
  }

  private static Boolean bool(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "true", "yes", "on" -> Boolean.TRUE;
      case "false", "no", "off" -> Boolean.FALSE;
      default -> throw new IllegalArgumentException("'" + text + "' is neither true nor false");
    };
  }

  private static String providerId(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (!t.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a provider id (lowercase letters, digits, '.', '_', '-')");
    }
    return t;
  }

  private static String name(String text) {
    String t = text.strip();
    if (!t.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a name (letters, digits, '.', '_', '-')");
    }
    return t;
  }

  private static String variable(String text) {
    String t = text.strip();
    if (!t.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("'" + text + "' is not an environment variable name");
    }
    return t;
  }
}
