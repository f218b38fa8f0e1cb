package dev.lanyard.cli;

import dev.lanyard.login.BrowserLauncher;
import dev.lanyard.profiles.internal.Surroundings;
import dev.lanyard.transport.Transport;
import java.io.ByteArrayInputStream;
import java.io.Console;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the command line takes from the process it runs in: environment variables, working
 * directory, home folder, operating system, standard input, which streams are terminals, how to
 * prompt for a secret, the clock, the browser and the transport to the provider.
 *
 * <p>{@link #system()} reads the real process; tests build one with {@link #of(Map, Path)} and the
 * {@code with…} methods, so no test ever changes the process's own environment.
 *
 * @param variables the environment variables (before a {@code .env} file is merged in)
 * @param workingDirectory where {@code .env} is looked for and {@code exec} runs its command
 * @param userHome the person's home folder, for the platform's configuration folders
 * @param osName the operating system, as {@code os.name} spells it
 * @param stdin standard input: piped secrets, git's credential requests
 * @param stdinTerminal true when standard input is a terminal
 * @param stdoutTerminal true when standard output is a terminal
 * @param stderrTerminal true when standard error is a terminal (colours, QR codes, countdowns)
 * @param prompt reads a secret without echo, when there is a terminal to ask on
 * @param clock the time, for expiry displays
 * @param browser opens a URL for browser login
 * @param transport how the provider is called
 */
public record Environment(
    Map<String, String> variables,
    Path workingDirectory,
    Path userHome,
    String osName,
    InputStream stdin,
    boolean stdinTerminal,
    boolean stdoutTerminal,
    boolean stderrTerminal,
    SecretPrompt prompt,
    InstantSource clock,
    BrowserLauncher browser,
    Transport transport) {

  /** Reads a secret from a person without echoing it. */
  @FunctionalInterface
  public interface SecretPrompt {
    /** No terminal to ask on: always empty. */
    SecretPrompt NONE = label -> Optional.empty();

    /** The secret typed after {@code label}, or empty when nobody can be asked. */
    Optional<char[]> read(String label);
  }

  public Environment {
    variables = Map.copyOf(variables);
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    Objects.requireNonNull(userHome, "userHome");
    Objects.requireNonNull(osName, "osName");
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(browser, "browser");
    Objects.requireNonNull(transport, "transport");
  }

  /** The real process: its environment, working directory, streams and terminal. */
  @SuppressWarnings("SystemConsoleNull") // Java 17 returns null without a terminal
  public static Environment system() {
    // The console only when a secret is asked for or the terminals are not told: looking it up
    // links lambdas inside the JDK, which a warm `lanyard token` would pay for (performance.md).
    SecretPrompt prompt = new ConsolePrompt();
    return new Environment(
        System.getenv(),
        Path.of("").toAbsolutePath(),
        Path.of(System.getProperty("user.home")),
        System.getProperty("os.name", "Linux"),
        System.in,
        isTerminal(0),
        isTerminal(1),
        isTerminal(2),
        prompt,
        InstantSource.system(),
        new SystemBrowser(),
        Transport.defaults());
  }

  /**
   * The console's hidden input; nobody to ask without a console. (Classes, not lambdas: nothing to
   * link at start-up.)
   */
  private static final class ConsolePrompt implements SecretPrompt {
    @Override
    @SuppressWarnings("SystemConsoleNull") // Java 17 returns null without a terminal
    public Optional<char[]> read(String label) {
      Console console = System.console();
      return console == null
          ? Optional.empty()
          : Optional.ofNullable(console.readPassword("%s", label));
    }
  }

  /** The system browser, its launcher loaded only when a browser is opened. */
  private static final class SystemBrowser implements BrowserLauncher {
    @Override
    public void open(java.net.URI uri) throws java.io.IOException {
      BrowserLauncher.system().open(uri);
    }
  }

  /**
   * A quiet environment for tests and embedding: these variables and working directory, the home
   * folder inside the working directory, Linux, empty standard input, no terminal, no browser.
   */
  public static Environment of(Map<String, String> variables, Path workingDirectory) {
    return new Environment(
        variables,
        workingDirectory,
        workingDirectory.resolve("home"),
        "Linux",
        InputStream.nullInputStream(),
        false,
        false,
        false,
        SecretPrompt.NONE,
        InstantSource.system(),
        BrowserLauncher.NONE,
        Transport.defaults());
  }

  /** This environment with other variables. */
  public Environment withVariables(Map<String, String> vars) {
    return new Environment(
        vars,
        workingDirectory,
        userHome,
        osName,
        stdin,
        stdinTerminal,
        stdoutTerminal,
        stderrTerminal,
        prompt,
        clock,
        browser,
        transport);
  }

  /** This environment with {@code text} piped to standard input (not a terminal). */
  public Environment withStdin(String text) {
    return new Environment(
        variables,
        workingDirectory,
        userHome,
        osName,
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        false,
        stdoutTerminal,
        stderrTerminal,
        prompt,
        clock,
        browser,
        transport);
  }

  /** This environment with the given streams counted as terminals. */
  public Environment withTerminals(boolean stdin, boolean stdout, boolean stderr) {
    return new Environment(
        variables,
        workingDirectory,
        userHome,
        osName,
        this.stdin,
        stdin,
        stdout,
        stderr,
        prompt,
        clock,
        browser,
        transport);
  }

  /** This environment with another secret prompt. */
  public Environment withPrompt(SecretPrompt secretPrompt) {
    return new Environment(
        variables,
        workingDirectory,
        userHome,
        osName,
        stdin,
        stdinTerminal,
        stdoutTerminal,
        stderrTerminal,
        secretPrompt,
        clock,
        browser,
        transport);
  }

  /** This environment with another clock. */
  public Environment withClock(InstantSource instantSource) {
    return new Environment(
        variables,
        workingDirectory,
        userHome,
        osName,
        stdin,
        stdinTerminal,
        stdoutTerminal,
        stderrTerminal,
        prompt,
        instantSource,
        browser,
        transport);
  }

  /** This environment with another browser launcher. */
  public Environment withBrowser(BrowserLauncher launcher) {
    return new Environment(
        variables,
        workingDirectory,
        userHome,
        osName,
        stdin,
        stdinTerminal,
        stdoutTerminal,
        stderrTerminal,
        prompt,
        clock,
        launcher,
        transport);
  }

  /** This environment with another transport to the provider. */
  public Environment withTransport(Transport providerTransport) {
    return new Environment(
        variables,
        workingDirectory,
        userHome,
        osName,
        stdin,
        stdinTerminal,
        stdoutTerminal,
        stderrTerminal,
        prompt,
        clock,
        browser,
        providerTransport);
  }

  /** What profiles take from this environment (shared with the library's profiles). */
  public Surroundings surroundings() {
    return new Surroundings(variables, workingDirectory, userHome, osName, clock, transport);
  }

  /** A process variable (not from {@code .env}). */
  public Optional<String> variable(String name) {
    return Optional.ofNullable(variables.get(name));
  }

  /**
   * Whether file descriptor {@code fd} is a terminal. The launcher says so in {@code -Dlanyard.tty}
   * (digits of the terminal descriptors, from the shell's {@code [ -t N ]}); without it, Linux's
   * {@code /proc/self/fd} answers, and elsewhere the console does.
   */
  @SuppressWarnings("SystemConsoleNull") // Java 17 returns null without a terminal
  private static boolean isTerminal(int fd) {
    String told = System.getProperty("lanyard.tty");
    if (told != null) {
      return told.indexOf((char) ('0' + fd)) >= 0;
    }
    Path link = Path.of("/proc/self/fd/" + fd);
    try {
      String target = Files.readSymbolicLink(link).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (Exception e) {
      return System.console() != null;
    }
  }
}
