package dev.lanyard.labarchives;

import dev.lanyard.internal.env.DotEnv;
import dev.lanyard.internal.http.Endpoints;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Objects;

/**
 * Where each setting of a {@link LabArchives.Builder} comes from: the builder, the environment,
 * then {@code .env}. The {@code .env} file is read only when the environment leaves a gap, and only
 * for the access key id and password: a {@code .env} file may be planted in a working directory, so
 * it may never choose the server that receives signed requests (docs/security.md).
 */
final class Configuration {
  static final String API_URL = "API_URL";
  static final String ACCESS_KEYID = "ACCESS_KEYID";
  static final String ACCESS_PWD = "ACCESS_PWD";

  private final LabArchives.Builder b;
  private Map<String, String> dotEnv;

  private Configuration(LabArchives.Builder b) {
    this.b = b;
  }

  static LabArchives resolve(LabArchives.Builder b) throws IOException {
    Configuration c = new Configuration(b);
    URI apiUrl = b.apiUrl;
    if (apiUrl == null) {
      c.refuseAddressFromDotEnv();
      String fromEnv = c.lookup(API_URL, "apiUrl", false);
      apiUrl = fromEnv == null ? LabArchives.DEFAULT_API_URL : parse(fromEnv);
    }
    apiUrl = checked(apiUrl);
    Endpoints.requireSecure(b.transport, apiUrl, "the LabArchives API_URL");
    String akid =
        b.accessKeyId != null ? b.accessKeyId : c.lookup(ACCESS_KEYID, "accessKeyId", true);
    String pwd =
        b.accessPassword != null ? b.accessPassword : c.lookup(ACCESS_PWD, "accessPassword", true);
    return new LabArchives(
        apiUrl, akid, pwd, b.signatureLifetime, b.loginUrlLifetime, b.clock, b.transport);
  }

  /** An API_URL in {@code .env} that the environment does not set: refused, never used. */
  private void refuseAddressFromDotEnv() throws IOException {
    String fromEnvironment = b.environment.get(API_URL);
    if ((fromEnvironment == null || fromEnvironment.isBlank()) && dotEnv().containsKey(API_URL)) {
      throw new IllegalStateException(
          "API_URL in "
              + b.workingDirectory.resolve(".env").toAbsolutePath()
              + " is not used: a .env file may give the access key id and password only, never"
              + " the server they are sent to; set API_URL in the environment or call apiUrl(...)");
    }
  }

  /**
   * The variable from the environment, else (for the key id and password) {@code .env}; null (or a
   * failure) when neither.
   */
  private String lookup(String variable, String setter, boolean required) throws IOException {
    String value = b.environment.get(variable);
    if ((value == null || value.isBlank()) && !variable.equals(API_URL)) {
      value = dotEnv().get(variable);
    }
    if (value != null && !value.isBlank()) {
      return value.strip();
    }
    if (required) {
      throw new IllegalStateException(
          "no LabArchives "
              + variable
              + ": set it in the environment or in "
              + (b.dotEnv ? b.workingDirectory.resolve(".env").toAbsolutePath() : "a .env file")
              + ", or call "
              + setter
              + "(...)");
    }
    return null;
  }

  private Map<String, String> dotEnv() throws IOException {
    if (dotEnv == null) {
      dotEnv = b.dotEnv ? DotEnv.read(b.workingDirectory.resolve(".env")) : Map.of();
    }
    return dotEnv;
  }

  private static URI parse(String s) {
    try {
      return new URI(s);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("API_URL is not a URL: " + s, e);
    }
  }

  /** The server address without a trailing slash; {@code /api} belongs to the calls, not here. */
  private static URI checked(URI u) {
    String s = u.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    URI uri = URI.create(s);
    if (!uri.isAbsolute()
        || uri.getHost() == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "API_URL must be the server's address, such as "
              + LabArchives.DEFAULT_API_URL
              + ", was "
              + u);
    }
    if (uri.getPath().endsWith("/api")) {
      throw new IllegalArgumentException(
          "API_URL is the server's address without /api (Lanyard adds /api to calls), such as "
              + LabArchives.DEFAULT_API_URL
              + ", was "
              + u);
    }
    return uri;
  }

  static String nonBlank(String s, String name) {
    if (Objects.requireNonNull(s, name).isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return s;
  }
}
