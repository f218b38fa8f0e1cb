package dev.lanyard.cli;

import dev.lanyard.LoginTimeoutException;
import dev.lanyard.internal.provider.CallbackProvider;
import dev.lanyard.internal.provider.Credentials;
import dev.lanyard.internal.provider.ProviderBrowserLogin;
import dev.lanyard.internal.provider.SecretSignIn;
import dev.lanyard.login.BrowserLauncher;
import dev.lanyard.login.LoopbackOptions;
import dev.lanyard.profiles.config.Flow;
import dev.lanyard.profiles.config.Setting;
import dev.lanyard.profiles.internal.Settings;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;

/**
 * One sign-in of {@code lanyard login} to a provider plug-in ({@code provider: ID}): through the
 * browser and the loopback callback, or ({@code --flow token}) with a user name and a secret copied
 * from the service's web UI, such as LabArchives' e-mail and password token for external
 * applications. The secret comes from {@code --token-env}, piped standard input or a hidden prompt,
 * never the command line.
 */
final class ProviderSignIn {
  private static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(5);

  private final LoginCommand cmd;
  private final Settings s;
  private final CallbackProvider provider;
  private final Environment env;
  private final PrintWriter err;

  ProviderSignIn(LoginCommand cmd, Settings settings, CallbackProvider provider) {
    this.cmd = cmd;
    this.s = settings;
    this.provider = provider;
    this.env = cmd.env();
    this.err = cmd.err();
  }

  /** The flows a provider plug-in offers: browser, and token when it has a secret sign-in. */
  static Flow check(Settings s, Flow flow) {
    if (flow != Flow.BROWSER && flow != Flow.TOKEN) {
      throw CliError.usage(
          s.plugin().orElseThrow()
              + " signs in with --flow browser or --flow token, not --flow "
              + flow.id());
    }
    return flow;
  }

  /** The credentials; empty when Ctrl-C ended the wait. */
  Optional<Credentials> run(Flow flow) throws IOException {
    return flow == Flow.TOKEN ? Optional.of(secret()) : browser();
  }

  private Credentials secret() throws IOException {
    SecretSignIn signIn =
        provider
            .secretSignIn()
            .orElseThrow(
                () ->
                    CliError.usage(
                        provider.id()
                            + " offers no sign-in with a copied secret;"
                            + " use --flow browser"));
    String user =
        s.text(Setting.USERNAME)
            .or(() -> s.text(Setting.LOGIN_HINT))
            .orElseThrow(
                () ->
                    CliError.usage(
                        "no user for "
                            + provider.id()
                            + ": pass --username EMAIL"
                            + " (or set LANYARD_USERNAME)"));
    String secret =
        new Secrets(env, cmd.ctx().vars())
            .pastedToken(provider.id() + " password token", cmd.tokenEnv);
    return signIn.signIn(user, secret);
  }

  private Optional<Credentials> browser() throws IOException {
    boolean terminal = env.stderrTerminal();
    BrowserLauncher launcher = cmd.noBrowser ? BrowserLauncher.NONE : env.browser();
    Duration timeout = s.effective().duration(Setting.TIMEOUT).orElse(BROWSER_TIMEOUT);
    LoopbackOptions options =
        LoopbackOptions.defaults()
            .withTimeout(timeout)
            .withLauncher(launcher)
            .withPrinter(line -> Countdown.println(err, terminal, line));
    // Else the provider's own port (LabArchives: 8089), and a random path per sign-in.
    if (s.effective().port().isPresent()) {
      options = options.withPort(s.effective().port().get());
    }
    if (s.text(Setting.CALLBACK_PATH).isPresent()) {
      options = options.withCallbackPath(s.text(Setting.CALLBACK_PATH).get());
    }
    ProviderBrowserLogin<Credentials> login =
        ProviderBrowserLogin.builder(provider).loopback(options).build();
    login.start();
    CancelOnExit hook = CancelOnExit.register(login::cancel);
    Countdown countdown =
        Countdown.start(
            err,
            cmd.style(),
            terminal,
            env.clock(),
            env.clock().instant().plus(timeout),
            "Waiting for the sign-in in the browser");
    try {
      return Optional.of(login.await());
    } catch (LoginTimeoutException e) {
      if (hook.fired()) {
        err.println("Sign-in cancelled; nothing was stored.");
        err.flush();
        return Optional.empty();
      }
      throw e;
    } finally {
      countdown.close();
      hook.close();
    }
  }
}
