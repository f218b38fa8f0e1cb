package dev.lanyard.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/** A PEM bundle of CA certificates, read into a TLS context. */
final class CaBundle {
  private CaBundle() {}

  /**
   * A TLS context that trusts the certificates in {@code pem} and, when {@code withDefaults}, also
   * the JDK's default trust anchors.
   *
   * @param source where the path came from, for messages (e.g. {@code LANYARD_CA_FILE})
   * @throws IOException one line naming the file and its source when the file is missing,
   *     unreadable or holds no PEM certificate
   */
  static SSLContext sslContext(Path pem, String source, boolean withDefaults) throws IOException {
    List<X509Certificate> certs = read(pem, source);
    try {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      for (int i = 0; i < certs.size(); i++) {
        ks.setCertificateEntry("ca-" + i, certs.get(i));
      }
      X509ExtendedTrustManager bundle = trustManager(ks);
      TrustManager tm = withDefaults ? new EitherTrustManager(trustManager(null), bundle) : bundle;
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {tm}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException(
          "cannot use CA bundle " + pem + " (from " + source + "): " + e.getMessage(), e);
    }
  }

  static List<X509Certificate> read(Path pem, String source) throws IOException {
    String where = "CA bundle " + pem + " (from " + source + ")";
    if (Files.isDirectory(pem)) {
      throw new IOException(where + " is a folder, not a PEM file");
    }
    Collection<? extends java.security.cert.Certificate> parsed;
    try (InputStream in = Files.newInputStream(pem)) {
      parsed = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (NoSuchFileException e) {
      throw new IOException(where + " does not exist", e);
    } catch (AccessDeniedException e) {
      throw new IOException(where + " cannot be read: permission denied", e);
    } catch (CertificateException e) {
      throw new IOException(where + " holds no PEM certificate", e);
    } catch (IOException e) {
      throw new IOException(where + " cannot be read: " + e.getMessage(), e);
    }
    List<X509Certificate> certs = new ArrayList<>();
    for (java.security.cert.Certificate c : parsed) {
      if (c instanceof X509Certificate x) {
        certs.add(x);
      }
    }
    if (certs.isEmpty()) {
      throw new IOException(where + " holds no PEM certificate");
    }
    return certs;
  }

  private static X509ExtendedTrustManager trustManager(@Nullable KeyStore ks)
      throws GeneralSecurityException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509ExtendedTrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }

  /**
   * Trusts a server when either the JDK's defaults or the bundle do. Each delegate checks the host
   * name itself (the extended methods), so nothing is lost by combining them.
   */
  private static final class EitherTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager first;
    private final X509ExtendedTrustManager second;

    EitherTrustManager(X509ExtendedTrustManager first, X509ExtendedTrustManager second) {
      this.first = first;
      this.second = second;
    }

    @FunctionalInterface
    private interface Check {
      void run(X509ExtendedTrustManager tm) throws CertificateException;
    }

    private void either(Check check) throws CertificateException {
      try {
        check.run(first);
      } catch (CertificateException e) {
        try {
          check.run(second);
        } catch (CertificateException e2) {
          e2.addSuppressed(e);
          throw e2;
        }
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      either(tm -> tm.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      either(tm -> tm.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      either(tm -> tm.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      either(tm -> tm.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      either(tm -> tm.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      either(tm -> tm.checkClientTrusted(chain, authType));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      X509Certificate[] a = first.getAcceptedIssuers();
      X509Certificate[] b = second.getAcceptedIssuers();
      X509Certificate[] all = new X509Certificate[a.length + b.length];
      System.arraycopy(a, 0, all, 0, a.length);
      System.arraycopy(b, 0, all, a.length, b.length);
      return all;
    }
  }
}
