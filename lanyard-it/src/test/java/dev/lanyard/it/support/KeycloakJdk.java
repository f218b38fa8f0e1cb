package dev.lanyard.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a JDK that can run Keycloak 26 (Java 21 or newer), while the tests themselves may run on
 * 17.
 *
 * <p>Order: the environment variable {@value #ENV}; else the JVM running the tests if it is 21+;
 * else the newest 21+ JDK among {@code $JAVA_HOME} and {@code /usr/lib/jvm/*}, judged by the {@code
 * JAVA_VERSION} line of each JDK's {@code release} file.
 */
final class KeycloakJdk {

  static final String ENV = "LANYARD_KEYCLOAK_JAVA_HOME";
  static final int MINIMUM_FEATURE_VERSION = 21;

  private static final Pattern JAVA_VERSION =
      Pattern.compile("^JAVA_VERSION=\"?([^\"\\s]+)\"?\\s*$", Pattern.MULTILINE);

  private KeycloakJdk() {}

  static Path locate() {
    String fromEnv = System.getenv(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      Path home = Path.of(fromEnv.trim());
      if (!Files.isExecutable(home.resolve("bin/java"))) {
        throw new IllegalStateException(
            ENV
                + "="
                + fromEnv
                + " does not point at a JDK: "
                + home.resolve("bin/java")
                + " is missing or not executable.");
      }
      return home;
    }
    if (Runtime.version().feature() >= MINIMUM_FEATURE_VERSION) {
      return Path.of(System.getProperty("java.home"));
    }
    List<Path> candidates = new ArrayList<>();
    String javaHome = System.getenv("JAVA_HOME");
    if (javaHome != null && !javaHome.isBlank()) {
      candidates.add(Path.of(javaHome.trim()));
    }
    Path jvmDir = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvmDir)) {
      try (Stream<Path> children = Files.list(jvmDir)) {
        children.filter(Files::isDirectory).forEach(candidates::add);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + jvmDir, e);
      }
    }
    Optional<Path> best =
        candidates.stream()
            .filter(home -> Files.isExecutable(home.resolve("bin/java")))
            .filter(home -> featureVersion(home) >= MINIMUM_FEATURE_VERSION)
            .max(
                Comparator.comparingInt(KeycloakJdk::featureVersion)
                    .thenComparing(Comparator.comparing(Path::toString).reversed()));
    return best.orElseThrow(
        () ->
            new IllegalStateException(
                "Keycloak needs Java "
                    + MINIMUM_FEATURE_VERSION
                    + " or newer, but the tests run on Java "
                    + Runtime.version().feature()
                    + " and no JDK "
                    + MINIMUM_FEATURE_VERSION
                    + "+ was found in $JAVA_HOME or /usr/lib/jvm. Install one, or set the environment variable "
                    + ENV
                    + " to its home directory."));
  }

  /** The feature version that {@code home/release} declares, or -1 when it cannot be read. */
  static int featureVersion(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) {
      return -1;
    }
    try {
      Matcher m = JAVA_VERSION.matcher(Files.readString(release));
      return m.find() ? parseFeature(m.group(1)) : -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** "25.0.3" gives 25, "21" gives 21, "1.8.0_412" gives 8; anything else gives -1. */
  static int parseFeature(String version) {
    String[] parts = version.split("[._+-]");
    try {
      int first = Integer.parseInt(parts[0]);
      if (first == 1 && parts.length > 1) {
        return Integer.parseInt(parts[1]);
      }
      return first;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
