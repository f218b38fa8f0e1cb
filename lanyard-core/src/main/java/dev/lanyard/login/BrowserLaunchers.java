package dev.lanyard.login;

/** The browser launchers Lanyard ships. */
public final class BrowserLaunchers {
  private BrowserLaunchers() {}

  /**
   * The person's default browser: {@code java.awt.Desktop} when the JDK supports it here, else
   * {@code xdg-open} (Linux, BSD), {@code open} (macOS) or {@code rundll32
   * url.dll,FileProtocolHandler} (Windows). On a machine without a display it opens nothing and
   * fails with an {@link java.io.IOException} that says so; the login has printed the URL anyway.
   */
  public static BrowserLauncher system() {
    return SystemBrowserLauncher.INSTANCE;
  }
}
