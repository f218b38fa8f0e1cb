package dev.lanyard.transport;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proxy and trust settings from the conventional environment variables, applied to a {@link
 * Transport}. The JDK's HTTP client reads none of them itself; this is opt-in.
 *
 * <ul>
 *   <li>{@code https_proxy} / {@code HTTPS_PROXY} for https URLs, {@code http_proxy} / {@code
 *       HTTP_PROXY} for plain-http issuers (lower case first, as curl does); {@code
 *       http://[user:password@]host[:port]}, port 80 when absent. The user and password (percent
 *       encoded) are sent to that proxy, and only to it, as {@code Proxy-Authorization: Basic} (see
 *       {@link Transport#prepare}).
 *   <li>{@code no_proxy} / {@code NO_PROXY}: hosts that go direct — {@code *}, domain suffixes
 *       ({@code example.org}, {@code .example.org}), IP addresses and CIDR blocks, each optionally
 *       with {@code :port}. Loopback is not exempt by itself: list {@code localhost,127.0.0.1}.
 *   <li>{@code LANYARD_CA_FILE}, else {@code SSL_CERT_FILE}: a PEM bundle of CA certificates
 *       trusted in addition to the JDK's defaults (unless {@link #trustOnlyCaFile()}).
 * </ul>
 *
 * <p><b>Proxy credentials and https.</b> The JDK refuses Basic credentials when it opens a tunnel
 * ({@code CONNECT}) for an https URL, unless the system property {@code
 * jdk.http.auth.tunneling.disabledSchemes} no longer lists {@code Basic}. The property is read
 * once, when the first JDK HTTP client is made: start the JVM with {@code
 * -Djdk.http.auth.tunneling.disabledSchemes=} or call {@link #allowBasicProxyTunnelling()} before
 * any HTTP client is built. Without it such a proxy answers 407 and the call fails.
 *
 * <pre>{@code
 * Transport transport = EnvironmentTransport.fromSystem().transport();
 * }</pre>
 */
public final class EnvironmentTransport {
  static final String TUNNELLING_PROPERTY = "jdk.http.auth.tunneling.disabledSchemes";
  private static final Logger log = LoggerFactory.getLogger(EnvironmentTransport.class);

  private final EnvironmentProxySelector proxies;
  private final boolean anyProxy;
  private final @Nullable Path caFile;
  private final String caSource;
  private final boolean caOnly;

  private EnvironmentTransport(
      EnvironmentProxySelector proxies,
      boolean anyProxy,
      @Nullable Path caFile,
      String caSource,
      boolean caOnly) {
    this.proxies = proxies;
    this.anyProxy = anyProxy;
    this.caFile = caFile;
    this.caSource = caSource;
    this.caOnly = caOnly;
  }

  /** The settings of this process's environment. */
  public static EnvironmentTransport fromSystem() {
    return of(System.getenv());
  }

  /**
   * The settings of these variables.
   *
   * @throws IllegalArgumentException naming the variable when a proxy URL is unusable
   */
  public static EnvironmentTransport of(Map<String, String> variables) {
    Objects.requireNonNull(variables, "variables");
    ProxyAddress https = proxy(variables, "https_proxy");
    ProxyAddress http = proxy(variables, "http_proxy");
    String noProxy = first(variables, "no_proxy", "NO_PROXY");
    String ca = first(variables, "LANYARD_CA_FILE");
    String caSource = "LANYARD_CA_FILE";
    if (ca == null) {
      ca = first(variables, "SSL_CERT_FILE");
      caSource = "SSL_CERT_FILE";
    }
    return new EnvironmentTransport(
        new EnvironmentProxySelector(https, http, NoProxy.parse(noProxy)),
        https != null || http != null,
        ca == null ? null : Path.of(ca),
        ca == null ? "" : caSource,
        false);
  }

  private static @Nullable ProxyAddress proxy(Map<String, String> variables, String lower) {
    String upper = lower.toUpperCase(Locale.ROOT);
    String value = variables.get(lower);
    String name = lower;
    if (value == null || value.isBlank()) {
      value = variables.get(upper);
      name = upper;
    }
    return value == null || value.isBlank() ? null : ProxyAddress.parse(value, name);
  }

  private static @Nullable String first(Map<String, String> variables, String... names) {
    for (String n : names) {
      String v = variables.get(n);
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return null;
  }

  /**
   * These settings with another CA bundle, e.g. from a configuration file; it wins over the
   * variables.
   *
   * @param source where the path came from, named in error messages (e.g. {@code ca_file})
   */
  public EnvironmentTransport withCaFile(Path pemBundle, String source) {
    return new EnvironmentTransport(
        proxies,
        anyProxy,
        Objects.requireNonNull(pemBundle, "pemBundle"),
        Objects.requireNonNull(source, "source"),
        caOnly);
  }

  /** These settings, trusting only the CA bundle instead of adding it to the JDK's defaults. */
  public EnvironmentTransport trustOnlyCaFile() {
    return new EnvironmentTransport(proxies, anyProxy, caFile, caSource, true);
  }

  /** The CA bundle in use, if any. */
  public Optional<Path> caFile() {
    return Optional.ofNullable(caFile);
  }

  /** True when neither a proxy nor a CA bundle is set: {@link #configure} changes nothing. */
  public boolean isEmpty() {
    return !anyProxy && caFile == null;
  }

  /**
   * How {@code target} would be reached, for people: {@code "http://proxy:3128 (HTTPS_PROXY)"},
   * {@code "direct (NO_PROXY: .example.org)"} or {@code "direct"}. Never shows a proxy password.
   */
  public String describeProxy(URI target) {
    Optional<ProxyAddress> p = proxies.proxyFor(target);
    if (p.isPresent()) {
      return p.get() + " (" + p.get().variable() + ")";
    }
    return proxies
        .exemption(target)
        .filter(e -> anyProxy)
        .map(e -> "direct (no_proxy: " + e + ")")
        .orElse("direct");
  }

  /** The CA bundle for people: {@code "/etc/ca.pem (LANYARD_CA_FILE), with the JDK's"}. */
  public String describeCaFile() {
    if (caFile == null) {
      return "the JDK's default trust store";
    }
    return caFile + " (" + caSource + ")" + (caOnly ? ", only" : ", and the JDK's defaults");
  }

  /** True when an https proxy with credentials needs {@link #allowBasicProxyTunnelling()}. */
  public boolean needsBasicTunnelling() {
    return proxies
        .proxyFor(URI.create("https://example.invalid/"))
        .map(ProxyAddress::hasCredentials)
        .orElse(false);
  }

  /**
   * Lets the JDK send Basic credentials to a proxy when it opens a tunnel, unless the property was
   * set already: removes {@code Basic} from {@code jdk.http.auth.tunneling.disabledSchemes}. Takes
   * effect only before the process's first JDK HTTP client is built. A program-wide choice, so the
   * library never makes it by itself; Lanyard's command line does when a proxy URL has credentials.
   *
   * @return true when the property now allows Basic
   */
  public static boolean allowBasicProxyTunnelling() {
    if (System.getProperty(TUNNELLING_PROPERTY) == null) {
      System.setProperty(TUNNELLING_PROPERTY, "");
    }
    return !basicTunnellingDisabled();
  }

  static boolean basicTunnellingDisabled() {
    // Unset means the JDK's net.properties default, which is "Basic".
    String v = System.getProperty(TUNNELLING_PROPERTY, "Basic");
    for (String s : v.split(",")) {
      if (s.strip().equalsIgnoreCase("Basic")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Sets the proxy, the proxy's credentials and the trusted CAs on {@code builder}; leaves it as it
   * was when {@link #isEmpty()}.
   *
   * @throws IOException one line naming the CA bundle and where it came from, when it is missing,
   *     unreadable or holds no PEM certificate
   */
  public Transport.Builder configure(Transport.Builder builder) throws IOException {
    if (anyProxy) {
      builder.proxy(proxies);
      if (needsBasicTunnelling() && basicTunnellingDisabled()) {
        log.warn(
            "the https proxy's credentials are not sent: the JDK disables Basic for tunnels;"
                + " set -D{}= (see EnvironmentTransport)",
            TUNNELLING_PROPERTY);
      }
    }
    if (caFile != null) {
      builder.sslContext(CaBundle.sslContext(caFile, caSource, !caOnly));
    }
    return builder;
  }

  /**
   * {@code base} itself when {@link #isEmpty()}, else a copy of it with these settings: what a
   * caller that reads the environment by default wants.
   *
   * @throws IOException as {@link #configure}
   */
  public Transport applyTo(Transport base) throws IOException {
    Objects.requireNonNull(base, "base");
    return isEmpty() ? base : configure(base.newBuilder()).build();
  }

  /** {@link Transport#builder()} with these settings. */
  public Transport transport() throws IOException {
    return configure(Transport.builder()).build();
  }

  @Override
  public String toString() {
    return "EnvironmentTransport{https="
        + describeProxy(URI.create("https://example.invalid/"))
        + ", ca="
        + describeCaFile()
        + '}';
  }
}
