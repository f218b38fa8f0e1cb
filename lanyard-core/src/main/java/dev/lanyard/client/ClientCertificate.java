package dev.lanyard.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * A client's TLS certificate and private key for mutual TLS (RFC 8705): client authentication with
 * {@code tls_client_auth} or {@code self_signed_tls_client_auth}, and certificate-bound access
 * tokens, which an API accepts only over a connection that presents the same certificate. The key
 * is read as {@link ClientKey#load} reads it (owner-only PKCS#8 PEM or JWK), the certificate
 * (chain) from a PEM file. {@link #toString()} never shows the key.
 *
 * <pre>{@code
 * ClientCertificate cert = ClientCertificate.load(Path.of("client.crt"), Path.of("client.key"));
 * SSLContext tls = cert.sslContext(Path.of("ca.pem"));       // or cert.sslContext(null): JDK CAs
 * Transport transport = Transport.builder().sslContext(tls).build();
 * HttpClient api = HttpClient.newBuilder().sslContext(tls).build();  // for bound tokens
 * }</pre>
 */
public final class ClientCertificate {
  private static final char[] NO_PASSWORD = new char[0];

  private final List<X509Certificate> chain;
  private final ClientKey key;

  private ClientCertificate(List<X509Certificate> chain, ClientKey key) {
    this.chain = List.copyOf(chain);
    this.key = key;
  }

  /**
   * The certificate chain in {@code certificatePem} (the client's certificate first) and the
   * private key in {@code keyFile}.
   *
   * @throws IllegalArgumentException when a file holds no usable certificate or key, or the key
   *     file is open to others
   */
  public static ClientCertificate load(Path certificatePem, Path keyFile) throws IOException {
    List<X509Certificate> chain = certificates(certificatePem);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException(
          "certificate file " + certificatePem + " holds no PEM certificate");
    }
    return new ClientCertificate(chain, ClientKey.load(keyFile));
  }

  /** The client's certificate. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  /**
   * The certificate's SHA-256 thumbprint, base64url: what a bound token's {@code cnf} names as
   * {@code x5t#S256} (RFC 8705 §3.1).
   */
  public String thumbprint() {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(certificate().getEncoded());
      return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot hash the certificate", e);
    }
  }

  /**
   * A TLS context that presents this certificate and trusts the servers that {@code trustedPem} (a
   * PEM bundle) vouches for, or the JDK's default CAs when it is null.
   */
  public SSLContext sslContext(@Nullable Path trustedPem) throws IOException {
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("client", key.privateKey(), NO_PASSWORD, chain.toArray(new Certificate[0]));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, NO_PASSWORD);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (trustedPem == null) {
        tmf.init((KeyStore) null);
      } else {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (X509Certificate c : certificates(trustedPem)) {
          trust.setCertificateEntry("ca-" + i++, c);
        }
        tmf.init(trust);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot use the client certificate "
              + certificate().getSubjectX500Principal()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static List<X509Certificate> certificates(Path pem) throws IOException {
    Objects.requireNonNull(pem, "pem");
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> all =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      List<X509Certificate> out = new ArrayList<>();
      for (Certificate c : all) {
        out.add((X509Certificate) c);
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("certificate file " + pem + " is not a PEM certificate");
    }
  }

  /** Subject and thumbprint; never the key. */
  @Override
  public String toString() {
    return "ClientCertificate{subject="
        + certificate().getSubjectX500Principal()
        + ", x5t#S256="
        + thumbprint()
        + ", key=[redacted]}";
  }
}
