package dev.lanyard.login;

import dev.lanyard.internal.loopback.Durations;
import dev.lanyard.internal.loopback.LoopbackRun;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How a browser login waits for the person, shared by {@link BrowserLogin} and the browser logins
 * of provider plug-ins (such as LabArchives'): the loopback port and callback path, the timeout,
 * how the browser is opened and where messages for the person go. Immutable: each {@code with}
 * method returns a changed copy.
 *
 * <pre>{@code
 * LoopbackOptions options = LoopbackOptions.defaults()
 *     .withTimeout(Duration.ofMinutes(2))
 *     .withLauncher(BrowserLauncher.NONE);
 * }</pre>
 */
public final class LoopbackOptions {
  private static final LoopbackOptions DEFAULTS =
      new LoopbackOptions(
          -1,
          null,
          Duration.ofMinutes(5),
          BrowserLauncher.system(),
          line -> System.err.println(line));

  private final int port;
  private final @Nullable String callbackPath;
  private final Duration timeout;
  private final BrowserLauncher launcher;
  private final Consumer<String> printer;

  private LoopbackOptions(
      int port,
      @Nullable String callbackPath,
      Duration timeout,
      BrowserLauncher launcher,
      Consumer<String> printer) {
    this.port = port;
    this.callbackPath = callbackPath;
    this.timeout = timeout;
    this.launcher = launcher;
    this.printer = printer;
  }

  /**
   * The login's own port and callback path, 300 s to sign in, the {@linkplain
   * BrowserLauncher#system() system browser}, messages to standard error.
   */
  public static LoopbackOptions defaults() {
    return DEFAULTS;
  }

  /**
   * The loopback port, for a provider that only accepts registered redirect URIs with a fixed port;
   * 0 for any free port (no probe-then-bind race: the bound port goes in the URI). Default: the
   * login's own (any free port for OAuth, the plug-in's default port, such as LabArchives' 8089).
   */
  public LoopbackOptions withPort(int port) {
    return new LoopbackOptions(
        LoopbackRun.checkPort(port), callbackPath, timeout, launcher, printer);
  }

  /**
   * The path of the callback URL: starts with '/', only unreserved characters. Default: {@code
   * /callback} for OAuth (the {@code state} protects it); a random path per sign-in for a provider
   * plug-in, whose callbacks carry no {@code state} (a fixed path gives that protection up).
   */
  public LoopbackOptions withCallbackPath(String path) {
    return new LoopbackOptions(
        port, LoopbackRun.checkCallbackPath(path), timeout, launcher, printer);
  }

  /** How long to wait for the person; default 300 s. */
  public LoopbackOptions withTimeout(Duration timeout) {
    return new LoopbackOptions(
        port, callbackPath, Durations.positive(timeout, "timeout"), launcher, printer);
  }

  /**
   * How the browser is opened; default {@link BrowserLauncher#system()}, none with {@link
   * BrowserLauncher#NONE}.
   */
  public LoopbackOptions withLauncher(BrowserLauncher launcher) {
    return new LoopbackOptions(
        port, callbackPath, timeout, Objects.requireNonNull(launcher, "launcher"), printer);
  }

  /** Where messages for the person go, a line at a time; default standard error. */
  public LoopbackOptions withPrinter(Consumer<String> printer) {
    return new LoopbackOptions(
        port, callbackPath, timeout, launcher, Objects.requireNonNull(printer, "printer"));
  }

  /** The port set with {@link #withPort(int)}; empty for the login's own. */
  public OptionalInt port() {
    return port < 0 ? OptionalInt.empty() : OptionalInt.of(port);
  }

  /** The path set with {@link #withCallbackPath(String)}; empty for the login's own. */
  public Optional<String> callbackPath() {
    return Optional.ofNullable(callbackPath);
  }

  /** How long to wait for the person. */
  public Duration timeout() {
    return timeout;
  }

  /** How the browser is opened. */
  public BrowserLauncher launcher() {
    return launcher;
  }

  /** Where messages for the person go. */
  public Consumer<String> printer() {
    return printer;
  }

  /** A run on {@code port} that announces the URL through these options. */
  <T> LoopbackRun<T> run(int port, String noBrowserAdvice) {
    return new LoopbackRun<>(port, timeout, launcher::open, printer, noBrowserAdvice);
  }

  @Override
  public String toString() {
    return "LoopbackOptions{port="
        + (port < 0 ? "default" : port == 0 ? "any" : port)
        + ", callbackPath="
        + (callbackPath != null ? callbackPath : "default")
        + ", timeout="
        + Durations.format(timeout)
        + '}';
  }
}
