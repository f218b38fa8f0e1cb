package dev.lanyard.profiles.internal;

import dev.lanyard.profiles.config.Setting;
import dev.lanyard.transport.EnvironmentTransport;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The proxy and CA bundle a profile uses: the process's {@code HTTPS_PROXY}, {@code HTTP_PROXY},
 * {@code NO_PROXY}, {@code LANYARD_CA_FILE} / {@code SSL_CERT_FILE}, and the profile's {@code
 * ca_file}. Never from a {@code .env} file: a file in the working directory must not route tokens
 * through a proxy or trust a CA that the person did not choose.
 */
public final class Network {
  private Network() {}

  /** The settings for a profile. */
  public static EnvironmentTransport settings(Surroundings env, Settings s) {
    EnvironmentTransport n = EnvironmentTransport.of(env.variables());
    var caFile = s.text(Setting.CA_FILE);
    if (caFile.isPresent()) {
      n = n.withCaFile(path(env, caFile.get()), "ca_file of profile '" + s.profile() + "'");
    }
    if (java.util.Optional.ofNullable(env.variable("LANYARD_CA_ONLY"))
        .filter(v -> v.equals("1") || v.equals("true"))
        .isPresent()) {
      n = n.trustOnlyCaFile();
    }
    return n;
  }

  /**
   * The environment's transport with the profile's proxy and CA bundle. {@code ownsJvm}: the caller
   * is a command line that may change JDK-wide settings (the proxy's basic authentication in
   * tunnels); a library never does.
   */
  public static Transport transport(Surroundings env, Settings s, boolean ownsJvm)
      throws IOException {
    EnvironmentTransport n = settings(env, s);
    if (ownsJvm && n.needsBasicTunnelling()) {
      // A command line owns its JVM: let the JDK send the proxy URL's credentials in CONNECT, as
      // curl does (the library leaves this choice to its program).
      EnvironmentTransport.allowBasicProxyTunnelling();
    }
    return n.applyTo(env.transport());
  }

  /** {@code ~/x} from the home folder; a relative path from the working directory. */
  public static Path path(Surroundings env, String text) {
    if (text.equals("~") || text.startsWith("~/")) {
      return env.userHome().resolve(text.substring(Math.min(2, text.length())));
    }
    return env.workingDirectory().resolve(text);
  }
}
