package dev.lanyard.login;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the default browser. {@code java.awt.Desktop} is reached by reflection: the {@code
 * dev.lanyard} module does not require {@code java.desktop}, and a jlinked runtime may not have it;
 * then the platform's opener command is used.
 */
final class SystemBrowserLauncher implements BrowserLauncher {
  static final SystemBrowserLauncher INSTANCE = new SystemBrowserLauncher();
  private static final Logger log = LoggerFactory.getLogger(SystemBrowserLauncher.class);
  private static final long COMMAND_WAIT_SECONDS = 5;

  private SystemBrowserLauncher() {}

  @Override
  public void open(URI uri) throws IOException {
    String os = System.getProperty("os.name", "");
    if (headless(System.getenv(), os) || awtHeadless()) {
      throw new IOException("no display on this machine");
    }
    if (desktopBrowse(uri)) {
      return;
    }
    run(command(os, uri));
  }

  /**
   * True when a browser can open here: always on macOS and Windows; on Linux and BSD with a display
   * (X11 or Wayland), so not over ssh without X forwarding. The command line's default-flow rule.
   */
  static boolean canOpen(Map<String, String> env, String osName) {
    return !headless(env, osName);
  }

  /** No display to show a browser on: Linux and BSD without X11 or Wayland. */
  static boolean headless(Map<String, String> env, String osName) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.contains("win") || os.contains("mac")) {
      return false;
    }
    return blank(env.get("DISPLAY")) && blank(env.get("WAYLAND_DISPLAY"));
  }

  /** The opener command for an OS. */
  static List<String> command(String osName, URI uri) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.contains("win")) {
      return List.of("rundll32", "url.dll,FileProtocolHandler", uri.toString());
    }
    if (os.contains("mac")) {
      return List.of("open", uri.toString());
    }
    return List.of("xdg-open", uri.toString());
  }

  private static boolean blank(@Nullable String s) {
    return s == null || s.isBlank();
  }

  private static boolean awtHeadless() {
    Optional<Object> headless = invokeStatic("java.awt.GraphicsEnvironment", "isHeadless");
    return headless.map(Boolean.TRUE::equals).orElse(false);
  }

  /** True when {@code java.awt.Desktop} opened the URI. */
  private static boolean desktopBrowse(URI uri) {
    try {
      Class<?> desktopClass = Class.forName("java.awt.Desktop");
      if (!Boolean.TRUE.equals(desktopClass.getMethod("isDesktopSupported").invoke(null))) {
        return false;
      }
      Object desktop = desktopClass.getMethod("getDesktop").invoke(null);
      Class<?> action = Class.forName("java.awt.Desktop$Action");
      Object browse = action.getField("BROWSE").get(null);
      Method isSupported = desktopClass.getMethod("isSupported", action);
      if (!Boolean.TRUE.equals(isSupported.invoke(desktop, browse))) {
        return false;
      }
      desktopClass.getMethod("browse", URI.class).invoke(desktop, uri);
      return true;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
      log.debug(
          "java.awt.Desktop cannot open a browser here ({}); trying a command",
          String.valueOf(cause));
      return false;
    }
  }

  private static Optional<Object> invokeStatic(String className, String method) {
    try {
      return Optional.ofNullable(Class.forName(className).getMethod(method).invoke(null));
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static void run(List<String> command) throws IOException {
    Process p;
    try {
      p =
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new IOException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    }
    try {
      if (!p.waitFor(COMMAND_WAIT_SECONDS, TimeUnit.SECONDS)) {
        return; // still running: some openers stay until the browser exits
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while opening a browser");
    }
    if (p.exitValue() != 0) {
      throw new IOException(command.get(0) + " failed with exit code " + p.exitValue());
    }
  }

  @Override
  public String toString() {
    return "BrowserLauncher.system()";
  }
}
