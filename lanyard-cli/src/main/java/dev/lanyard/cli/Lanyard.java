package dev.lanyard.cli;

import dev.lanyard.profiles.config.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code lanyard} command: signs people and programs in once and keeps every script and tool
 * signed in.
 *
 * <p>{@link #commandLine(Environment)} builds the command tree for an environment, so tests and
 * other modules run commands in-process with {@code execute(...)} and assert exit code, standard
 * output and standard error. Exit codes: 0 success, 1 failure, 2 usage error, 3 a person must sign
 * in.
 */
@Command(
    name = "lanyard",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    usageHelpAutoWidth = true,
    header = "Sign in to OAuth/OpenID Connect APIs once; keep every script and tool signed in.",
    description = {
      "Tokens are kept per profile in owner-only files; 'lanyard status' says where.",
      "Data goes to standard output, messages for people to standard error."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:failure",
      "2:usage error",
      "3:a person must sign in (run lanyard login)"
    },
    subcommands = {
      LoginCommand.class,
      TokenCommand.class,
      StatusCommand.class,
      LogoutCommand.class,
      RegisterCommand.class,
      ProfileCommand.class,
      GitCredentialCommand.class,
      ExecCommand.class,
      DemoCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Lanyard implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      scope = ScopeType.INHERIT,
      description =
          "Profile to use (default: LANYARD_PROFILE, else default_profile, else default).")
  String profile;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description =
          "The config file to use instead of config.yaml in LANYARD_HOME or the platform's folder"
              + " (tokens stay there).")
  String config;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Show debug messages and stack traces on standard error.")
  boolean verbose;

  private final Environment environment;
  private String loginCommand = "lanyard login";

  /** The root command for {@code environment}; see {@link #commandLine(Environment)}. */
  public Lanyard(Environment environment) {
    this.environment = environment;
  }

  /**
   * The command tree for {@code environment}, with Lanyard's error handling and exit codes. Set
   * {@code setOut}/{@code setErr} on it to capture output.
   */
  public static CommandLine commandLine(Environment environment) {
    CommandLine cmd = new CommandLine(new Lanyard(environment));
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    // A profile may share a command's name: `--profile demo token` means profile "demo".
    cmd.setAllowSubcommandsAsOptionParameters(true);
    cmd.registerConverter(Duration.class, Durations::parse);
    cmd.setColorScheme(
        Help.defaultColorScheme(
            environment.stdoutTerminal() && Style.allowed(environment)
                ? Help.Ansi.ON
                : Help.Ansi.OFF));
    Errors errors = new Errors(environment);
    cmd.setExecutionExceptionHandler(errors);
    cmd.setParameterExceptionHandler(errors);
    cmd.getSubcommands().get("exec").setStopAtPositional(true);
    return cmd;
  }

  /** Runs the command line in this process and exits with its exit code; see {@link Main}. */
  public static void main(String[] args) {
    Main.main(args);
  }

  /** The full way: the whole command tree, for everything {@link FastToken} does not answer. */
  static int execute(String[] args, Environment env, PrintWriter out, PrintWriter err) {
    CommandLine cmd = commandLine(env);
    cmd.setOut(out);
    cmd.setErr(err);
    int code = cmd.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** Without a subcommand: the usage on standard error, exit 2. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** The environment commands run in. */
  public Environment environment() {
    return environment;
  }

  String profileOption() {
    return profile;
  }

  String configOption() {
    return config;
  }

  boolean verbose() {
    return verbose;
  }

  /** Remembers how to sign the profile in use in, for "a person must sign in" messages. */
  void loginCommand(String command) {
    this.loginCommand = command;
  }

  String loginCommand() {
    return loginCommand;
  }
}
