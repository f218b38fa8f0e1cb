package dev.lanyard.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every subcommand shares: its environment and context, and output only through picocli's
 * writers (data on {@link #out()}, messages for people on {@link #err()}).
 */
abstract class BaseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  private Context context;

  @Override
  public final Integer call() throws Exception {
    Lanyard root = root();
    context =
        new Context(root.environment(), root.profileOption(), readsDotEnv(), root.configOption());
    try {
      return run();
    } finally {
      out().flush();
      err().flush();
    }
  }

  /**
   * False for the credential helpers, which other programs run in directories the user did not
   * choose: they read no {@code .env} file at all.
   */
  boolean readsDotEnv() {
    return true;
  }

  /** The command's work; returns the exit code. */
  abstract int run() throws Exception;

  Lanyard root() {
    return (Lanyard) spec.root().userObject();
  }

  Context ctx() {
    return context;
  }

  Environment env() {
    return context.env();
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  Style style() {
    return Style.forStderr(env());
  }

  /** The profile this run works on; remembered for "sign in with …" messages. */
  String profile() {
    String name = ctx().profileName();
    root().loginCommand(ctx().loginCommand(name));
    return name;
  }
}
