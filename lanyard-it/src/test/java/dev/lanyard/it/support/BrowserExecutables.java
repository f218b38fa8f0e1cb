package dev.lanyard.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Where Debian's Chromium and chromedriver are: {@code /usr/bin/chromium} and {@code
 * /usr/bin/chromedriver}, or the environment variables {@code LANYARD_CHROMIUM} and {@code
 * LANYARD_CHROMEDRIVER}. Selenium gets both paths, so Selenium Manager never downloads anything.
 */
record BrowserExecutables(Path chromium, Path chromedriver) {
  /** Held so the levels set here are not lost when the loggers are collected. */
  private static final List<Logger> QUIETED =
      List.of(
          // "Unable to find an exact match for CDP version ...": no test uses DevTools.
          Logger.getLogger("org.openqa.selenium.devtools"),
          Logger.getLogger("org.openqa.selenium.chromium"),
          Logger.getLogger("org.openqa.selenium.remote"));

  static BrowserExecutables locate() {
    return new BrowserExecutables(
        executable("LANYARD_CHROMIUM", "/usr/bin/chromium", "chromium"),
        executable("LANYARD_CHROMEDRIVER", "/usr/bin/chromedriver", "chromium-driver"));
  }

  private static Path executable(String variable, String fallback, String debianPackage) {
    String value = System.getenv(variable);
    Path path = Path.of(value == null || value.isBlank() ? fallback : value);
    if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
      throw new IllegalStateException(
          "The browser tests need "
              + path
              + ", which is missing or not executable. Install Debian's Chromium and its driver"
              + " (apt-get install chromium chromium-driver), or point "
              + variable
              + " at the executable.");
    }
    return path;
  }

  /** Selenium must not phone home, and its CDP-version warnings are noise here. */
  static void quietSelenium() {
    System.setProperty("SE_AVOID_STATS", "true");
    QUIETED.forEach(logger -> logger.setLevel(Level.SEVERE));
  }

  static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(BrowserExecutables::deleteOne);
    } catch (IOException e) {
      System.err.println("[lanyard-it] cannot delete " + dir + ": " + e);
    }
  }

  private static void deleteOne(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // Chromium may still be writing to its profile while it exits; /tmp is cleaned anyway.
    }
  }
}
