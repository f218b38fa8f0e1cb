package dev.lanyard.login;

import java.io.IOException;
import java.net.URI;

/**
 * Opens a URL in a person's browser. {@link #NONE} does nothing (the URL is printed anyway); the
 * default is {@code BrowserLaunchers.system()}.
 */
@FunctionalInterface
public interface BrowserLauncher {
  /** Opens nothing: for headless machines, tests, and {@code --no-browser}. */
  BrowserLauncher NONE = uri -> {};

  void open(URI uri) throws IOException;
}
