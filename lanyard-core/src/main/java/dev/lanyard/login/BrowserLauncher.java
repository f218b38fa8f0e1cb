package dev.lanyard.login;

import java.io.IOException;
import java.net.URI;

/**
 * Opens a URL in a person's browser. {@link #NONE} does nothing (the URL is printed anyway); the
 * default is {@link #system()}.
 */
@FunctionalInterface
public interface BrowserLauncher {
  /** Opens nothing: for headless machines, tests, and {@code --no-browser}. */
  BrowserLauncher NONE = uri -> {};

  /** Opens {@code uri}, or fails with an {@link IOException} that says why not. */
  void open(URI uri) throws IOException;

  /**
   * The person's default browser: {@code java.awt.Desktop} when the JDK supports it here, else
   * {@code xdg-open} (Linux, BSD), {@code open} (macOS) or {@code rundll32
   * url.dll,FileProtocolHandler} (Windows). On a machine without a display it opens nothing and
   * fails with an {@link IOException} that says so; the login has printed the URL anyway.
   */
  static BrowserLauncher system() {
    return SystemBrowserLauncher.INSTANCE;
  }
}
