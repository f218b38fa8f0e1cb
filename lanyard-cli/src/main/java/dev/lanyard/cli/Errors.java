package dev.lanyard.cli;

import dev.lanyard.LanyardException;
import dev.lanyard.LoginRequiredException;
import dev.lanyard.NoCredentialsException;
import dev.lanyard.ProviderUnreachableException;
import dev.lanyard.internal.text.Printable;
import dev.lanyard.profiles.config.ConfigException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into one line on standard error, {@code lanyard: } then what went wrong and
 * what to do, and an exit code: 2 for usage errors, 3 when a person must sign in, 1 otherwise.
 * Stack traces only with {@code --verbose}.
 */
final class Errors implements IExecutionExceptionHandler, IParameterExceptionHandler {
  private final Environment env;

  Errors(Environment env) {
    this.env = env;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    // a parse error quotes what it could not use, which may be a secret given on argv
    String message = oneLine(ArgvMask.mask(String.valueOf(ex.getMessage()), args));
    if (ex instanceof UnmatchedArgumentException u) {
      List<String> suggestions = u.getSuggestions();
      if (!suggestions.isEmpty()) {
        message += " (did you mean " + suggestions.get(0) + "?)";
      }
    }
    String name = cmd.getCommandSpec().qualifiedName();
    print(cmd.getErr(), message + "; see '" + name + " --help'");
    return CliError.USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    Lanyard root = (Lanyard) cmd.getCommandSpec().root().userObject();
    PrintWriter err = cmd.getErr();
    if (root.verbose()) {
      ex.printStackTrace(err);
    }
    Throwable t = ex instanceof UncheckedIOException u ? u.getCause() : ex;
    int code = CliError.FAILURE;
    String message;
    if (t instanceof CliError e) {
      code = e.exitCode();
      message = e.getMessage();
    } else if (t instanceof ConfigException c && c.isUsage()) {
      code = CliError.USAGE;
      message = c.getMessage();
    } else if (t instanceof LoginRequiredException || t instanceof NoCredentialsException) {
      code = CliError.LOGIN;
      message = withoutTrailingAdvice(t.getMessage()) + "; sign in with: " + root.loginCommand();
    } else if (t instanceof ProviderUnreachableException) {
      message =
          Handshakes.describe(t)
              .orElse(t.getMessage() + "; check the issuer URL and that the provider is up");
    } else if (t instanceof LanyardException || t instanceof ConfigException) {
      message = Handshakes.describe(t).orElse(t.getMessage());
    } else if (t instanceof InterruptedIOException) {
      message = "interrupted";
      code = 130;
    } else if (t instanceof IOException io) {
      message = describe(io);
    } else if (t instanceof IllegalArgumentException || t instanceof IllegalStateException) {
      message = t.getMessage();
    } else {
      message =
          "internal error: "
              + t.getClass().getName()
              + (root.verbose() ? "" : " (run with --verbose for the stack trace)");
    }
    print(err, message == null ? t.getClass().getSimpleName() : message);
    return code;
  }

  private void print(PrintWriter err, String message) {
    Style style = Style.forStderr(env);
    err.println(style.red("lanyard:") + " " + oneLine(message));
    err.flush();
  }

  /** "…; sign in again" reads better once the command to run follows. */
  private static String withoutTrailingAdvice(String message) {
    for (String tail : new String[] {"; sign in again", "; sign in first"}) {
      if (message.endsWith(tail)) {
        return message.substring(0, message.length() - tail.length());
      }
    }
    return message;
  }

  static String describe(IOException e) {
    if (e instanceof NoSuchFileException n) {
      return "no such file: " + n.getFile();
    }
    if (e instanceof AccessDeniedException a) {
      return "permission denied: " + a.getFile();
    }
    if (e instanceof FileSystemException f) {
      return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : "cannot be used");
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /** One line for the terminal, through the one sanitizer for text from outside. */
  static String oneLine(String s) {
    return s == null ? "" : Printable.line(s, 2000);
  }
}
