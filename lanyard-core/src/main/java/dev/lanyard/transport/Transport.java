package dev.lanyard.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * How Lanyard talks to identity providers: timeouts, proxy, trusted certificates, and the bounded
 * retry policy for 5xx/429 answers and connection failures.
 *
 * <p>Immutable and shareable; one {@link HttpClient} is built lazily per instance.
 */
public final class Transport {
  private static final Transport DEFAULTS = builder().build();

  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final int maxRetries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;
  private final boolean allowInsecureHttp;
  private final @Nullable ProxySelector proxy;
  private final @Nullable SSLContext sslContext;
  private volatile @Nullable HttpClient client;

  private Transport(Builder b) {
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.maxRetries = b.maxRetries;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxRetryAfter = b.maxRetryAfter;
    this.allowInsecureHttp = b.allowInsecureHttp;
    this.proxy = b.proxy;
    this.sslContext = b.sslContext;
  }

  /** The shared default transport: 10 s connect, 30 s request timeout, 3 retries. */
  public static Transport defaults() {
    return DEFAULTS;
  }

  /** A builder with the defaults of {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder pre-filled with this transport's settings. */
  public Builder newBuilder() {
    Builder b = new Builder();
    b.connectTimeout = connectTimeout;
    b.requestTimeout = requestTimeout;
    b.maxRetries = maxRetries;
    b.initialBackoff = initialBackoff;
    b.maxBackoff = maxBackoff;
    b.maxRetryAfter = maxRetryAfter;
    b.allowInsecureHttp = allowInsecureHttp;
    b.proxy = proxy;
    b.sslContext = sslContext;
    return b;
  }

  /** The HTTP client this transport sends with (HTTP/1.1, no redirects followed). */
  public HttpClient httpClient() {
    HttpClient c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          HttpClient.Builder b =
              HttpClient.newBuilder()
                  .version(HttpClient.Version.HTTP_1_1)
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .connectTimeout(connectTimeout);
          if (proxy != null) {
            b.proxy(proxy);
          }
          if (sslContext != null) {
            b.sslContext(sslContext);
          }
          client = c = b.build();
        }
      }
    }
    return c;
  }

  /**
   * The request as this transport sends it: with the proxy's {@code Proxy-Authorization} when the
   * proxy came from {@link EnvironmentTransport} with credentials. Sent before the proxy asks, so
   * the JDK never has to replay a request after a 407; the JDK sends the header to the proxy only
   * (in the tunnel's CONNECT, or in a plain-http request through it), never to the provider.
   */
  public HttpRequest prepare(HttpRequest request) {
    if (!(proxy instanceof EnvironmentProxySelector selector)
        || request.headers().firstValue("Proxy-Authorization").isPresent()) {
      return request;
    }
    return selector
        .proxyAuthorization(request.uri())
        .map(
            value ->
                HttpRequest.newBuilder(request, (name, v) -> true)
                    .header("Proxy-Authorization", value)
                    .build())
        .orElse(request);
  }

  /** How long a connection may take to open. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How long a request may wait for its answer. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** Retries after the first attempt. */
  public int maxRetries() {
    return maxRetries;
  }

  /** The wait before the first retry; it doubles per retry. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** The longest wait between retries. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** A {@code Retry-After} longer than this is not waited for: the answer is returned instead. */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /** True when plain http to non-loopback hosts is allowed (development only). */
  public boolean allowInsecureHttp() {
    return allowInsecureHttp;
  }

  @Override
  public String toString() {
    return "Transport{connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + ", maxRetries="
        + maxRetries
        + '}';
  }

  /** Builds a {@link Transport}. */
  public static final class Builder {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int maxRetries = 3;
    private Duration initialBackoff = Duration.ofMillis(250);
    private Duration maxBackoff = Duration.ofSeconds(8);
    private Duration maxRetryAfter = Duration.ofSeconds(30);
    private boolean allowInsecureHttp;
    private @Nullable ProxySelector proxy;
    private @Nullable SSLContext sslContext;

    private Builder() {}

    /** How long a connection may take to open; default 10 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** How long a request may wait for its answer; default 30 s. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /** Retries after the first attempt, 0 to 10. */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0 || maxRetries > 10) {
        throw new IllegalArgumentException(
            "maxRetries must be between 0 and 10, was " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /** The first backoff; it doubles per retry (with jitter) up to {@link #maxBackoff}. */
    public Builder initialBackoff(Duration backoff) {
      this.initialBackoff = positive(backoff, "initialBackoff");
      return this;
    }

    /** The longest wait between retries; default 8 s. */
    public Builder maxBackoff(Duration backoff) {
      this.maxBackoff = positive(backoff, "maxBackoff");
      return this;
    }

    /** The longest {@code Retry-After} waited for; default 30 s. */
    public Builder maxRetryAfter(Duration max) {
      this.maxRetryAfter = positive(max, "maxRetryAfter");
      return this;
    }

    /** Allows plain http to non-loopback hosts. For development only: tokens travel in clear. */
    public Builder allowInsecureHttp(boolean allow) {
      this.allowInsecureHttp = allow;
      return this;
    }

    /** Sends through this proxy; default: the JDK's default selector. */
    public Builder proxy(ProxySelector proxy) {
      this.proxy = Objects.requireNonNull(proxy, "proxy");
      return this;
    }

    /** Uses this TLS context, e.g. with a private CA. */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
      return this;
    }

    /**
     * Trusts exactly the certificates in a PEM bundle (a private CA), instead of the JDK's
     * defaults.
     */
    public Builder trustedCertificates(Path pemBundle) throws IOException {
      try (InputStream in = Files.newInputStream(pemBundle)) {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int i = 0;
        for (Certificate cert : cf.generateCertificates(in)) {
          ks.setCertificateEntry("ca-" + i++, cert);
        }
        if (i == 0) {
          throw new IOException("no certificate found in " + pemBundle);
        }
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        this.sslContext = ctx;
        return this;
      } catch (GeneralSecurityException e) {
        throw new IOException("cannot use certificates in " + pemBundle + ": " + e.getMessage(), e);
      }
    }

    /** The transport; fails when {@code maxBackoff} is shorter than {@code initialBackoff}. */
    public Transport build() {
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException("maxBackoff must not be shorter than initialBackoff");
      }
      return new Transport(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }
}
