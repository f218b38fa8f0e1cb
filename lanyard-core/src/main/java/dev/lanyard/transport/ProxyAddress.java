package dev.lanyard.transport;

import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A proxy as an environment variable names it: {@code http://[user:password@]host[:port]}, or just
 * {@code host:port}. The password is kept only to answer the proxy's challenge; it never appears in
 * {@link #toString()}.
 */
final class ProxyAddress {
  private final String host;
  private final int port;
  private final @Nullable String user;
  private final char @Nullable [] password;
  private final String variable;

  private ProxyAddress(
      String host, int port, @Nullable String user, char @Nullable [] password, String variable) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
    this.variable = variable;
  }

  /**
   * Parses the value of {@code variable}.
   *
   * @throws IllegalArgumentException naming the variable (never its credentials) when the value is
   *     not a usable http proxy URL
   */
  static ProxyAddress parse(String value, String variable) {
    String v = value.strip();
    if (!v.contains("://")) {
      v = "http://" + v;
    }
    URI uri;
    try {
      uri = new URI(v);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(variable + " is not a proxy URL", e);
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http")) {
      throw new IllegalArgumentException(
          variable
              + ": proxy scheme '"
              + scheme
              + "' is not supported (Java's HTTP client speaks to http:// proxies only)");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException(variable + " names no proxy host");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() == -1 ? 80 : uri.getPort();
    String user = null;
    char[] password = null;
    String info = uri.getRawUserInfo();
    if (info != null && !info.isEmpty()) {
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      password = decode(colon < 0 ? "" : info.substring(colon + 1)).toCharArray();
    }
    return new ProxyAddress(host, port, user, password, variable);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** An unresolved address: the proxy's name is resolved when a connection opens. */
  InetSocketAddress socketAddress() {
    return InetSocketAddress.createUnresolved(host, port);
  }

  String host() {
    return host;
  }

  int port() {
    return port;
  }

  /** The variable this proxy came from, e.g. {@code HTTPS_PROXY}. */
  String variable() {
    return variable;
  }

  boolean hasCredentials() {
    return user != null;
  }

  /** The user and password for the proxy's Basic challenge; only when the URL had them. */
  @Nullable PasswordAuthentication credentials() {
    return user == null || password == null
        ? null
        : new PasswordAuthentication(user, password.clone());
  }

  /** {@code http://host:port}, with {@code user:***@} when credentials are set. */
  @Override
  public String toString() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return "http://" + (user == null ? "" : user + ":***@") + h + ":" + port;
  }
}
