package dev.lanyard.internal.http;

import dev.lanyard.transport.Transport;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Which provider addresses Lanyard may send to: HTTPS, or plain HTTP only on loopback. */
public final class Endpoints {
  private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

  private Endpoints() {}

  /**
   * Fails unless {@code uri} is HTTPS, or plain HTTP to a loopback host, or {@code transport}
   * explicitly allows insecure HTTP; {@code what} names the endpoint in the message.
   */
  public static void requireSecure(Transport transport, URI uri, String what) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      return;
    }
    if (scheme.equals("http") && (transport.allowInsecureHttp() || isLoopback(uri.getHost()))) {
      return;
    }
    throw new IllegalArgumentException(
        what
            + " must use https (got "
            + uri
            + "); plain http is allowed only for 127.0.0.1, ::1 and localhost,"
            + " or with Transport.Builder.allowInsecureHttp(true)");
  }

  /** True for 127.0.0.0/8, ::1 and localhost. */
  public static boolean isLoopback(@Nullable String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost")
        || IPV4_LOOPBACK.matcher(h).matches()
        || h.equals("[::1]")
        || h.equals("::1");
  }
}
