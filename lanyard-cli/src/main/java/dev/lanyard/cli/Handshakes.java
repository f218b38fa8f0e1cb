package dev.lanyard.cli;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;

/** One line for a failed TLS handshake or proxy tunnel, naming the host and what to do. */
final class Handshakes {
  private Handshakes() {}

  /**
   * For a provider failure caused by a TLS handshake or a proxy's 407 (a {@code
   * ProviderUnreachableException} "could not reach X at https://host:port: …", or the 407 as an
   * answer), the line to show; empty for other causes.
   */
  static Optional<String> describe(Throwable unreachable) {
    String message = unreachable.getMessage() == null ? "" : unreachable.getMessage();
    if (message.contains("answered HTTP 407")) {
      // The JDK hands a proxy's 407 to the tunnel's request as if the provider had said it.
      int answered = message.indexOf(" answered HTTP 407");
      return Optional.of(
          message.substring(0, answered)
              + " is behind a proxy that asks for credentials (HTTP 407); put them in the proxy"
              + " URL: http://user:password@host:port, percent-encoded");
    }
    int at = message.indexOf(" at ");
    int colon = at < 0 ? -1 : message.indexOf(": ", at);
    String where = colon < 0 ? message : message.substring(0, colon);
    boolean handshake = false;
    boolean untrusted = false;
    for (Throwable c = unreachable.getCause(); c != null; c = c.getCause()) {
      handshake |= c instanceof SSLHandshakeException;
      untrusted |=
          c instanceof CertPathValidatorException
              || (c instanceof CertificateException
                  && String.valueOf(c.getMessage()).contains("certification path"))
              || String.valueOf(c.getMessage()).contains("PKIX path");
      String m = String.valueOf(c.getMessage());
      if (m.contains("407") && m.toLowerCase(java.util.Locale.ROOT).contains("tunnel")) {
        return Optional.of(
            where
                + ": the proxy asks for credentials (HTTP 407); put them in the proxy URL,"
                + " http://user:password@host:port, percent-encoded");
      }
    }
    if (!handshake) {
      return Optional.empty();
    }
    String reason =
        untrusted
            ? "the TLS handshake failed: the server's certificate is not signed by a trusted CA"
            : "the TLS handshake failed (" + Errors.oneLine(innermost(unreachable)) + ")";
    return Optional.of(
        where
            + ": "
            + reason
            + "; if the provider uses a private CA, set ca_file in the profile"
            + " (lanyard profile set NAME ca_file=PATH) or LANYARD_CA_FILE to its PEM bundle");
  }

  private static String innermost(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null) {
      c = c.getCause();
    }
    return String.valueOf(c.getMessage());
  }
}
