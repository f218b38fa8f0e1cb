package dev.lanyard.cli;

import dev.lanyard.LoginTimeoutException;
import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.grant.PasswordGrant;
import dev.lanyard.grant.RefreshTokenGrant;
import dev.lanyard.login.BrowserLauncher;
import dev.lanyard.login.BrowserLogin;
import dev.lanyard.login.DeviceLogin;
import dev.lanyard.login.LoginResult;
import dev.lanyard.login.LoopbackOptions;
import dev.lanyard.profiles.config.Flow;
import dev.lanyard.profiles.config.Setting;
import dev.lanyard.profiles.internal.Settings;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.session.TokenSession;
import dev.lanyard.verify.IdTokenVerifier;
import dev.lanyard.verify.Identity;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;

/** Runs one sign-in of {@code lanyard login} with the profile's flow. */
final class SignIn {
  private static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration DEVICE_TIMEOUT = Duration.ofMinutes(15);

  /**
   * The tokens, who they belong to (for people; null for a personal access token), and whether
   * Ctrl-C ended the wait.
   */
  record Result(TokenSet tokens, String who, boolean cancelled) {
    static Result cancelledByUser() {
      return new Result(null, null, true);
    }
  }

  private final LoginCommand cmd;
  private final Settings s;
  private final Providers providers;
  private final Environment env;
  private final PrintWriter err;

  SignIn(LoginCommand cmd, Settings settings) {
    this.cmd = cmd;
    this.s = settings;
    this.providers = new Providers(cmd.ctx(), settings);
    this.env = cmd.env();
    this.err = cmd.err();
  }

  Result run(Flow flow) throws IOException {
    return switch (flow) {
      case BROWSER -> browser();
      case DEVICE -> device();
      case PASSWORD -> password();
      case CLIENT_CREDENTIALS -> clientCredentials();
      case REFRESH_TOKEN -> refreshToken();
      case TOKEN -> staticToken();
    };
  }

  private ClientAuthentication client() throws IOException {
    return providers.client(cmd.provider.clientSecretEnv, cmd.provider.clientSecretFile);
  }

  /**
   * How the browser login waits: the timeout, launcher and printer, and the configured port and
   * path.
   */
  private LoopbackOptions loopbackOptions(
      Duration timeout, BrowserLauncher launcher, boolean terminal) {
    LoopbackOptions options =
        LoopbackOptions.defaults()
            .withTimeout(timeout)
            .withLauncher(launcher)
            .withPrinter(line -> Countdown.println(err, terminal, line));
    if (s.effective().port().isPresent()) {
      options = options.withPort(s.effective().port().get());
    }
    if (s.text(Setting.CALLBACK_PATH).isPresent()) {
      options = options.withCallbackPath(s.text(Setting.CALLBACK_PATH).get());
    }
    return options;
  }

  private Result browser() throws IOException {
    boolean terminal = env.stderrTerminal();
    // Without a display the system launcher fails and the login says what to do instead.
    BrowserLauncher launcher = cmd.noBrowser ? BrowserLauncher.NONE : env.browser();
    Duration timeout = s.effective().duration(Setting.TIMEOUT).orElse(BROWSER_TIMEOUT);
    BrowserLogin.Builder b =
        BrowserLogin.builder()
            .provider(providers.metadata())
            .client(client())
            .scope(s.scope())
            .transport(providers.transport())
            .dpop(s.flag(Setting.DPOP))
            .par(s.flag(Setting.PAR))
            .loopback(loopbackOptions(timeout, launcher, terminal));
    s.text(Setting.LOGIN_HINT).ifPresent(b::loginHint);
    s.parameters().forEach(b::parameter);
    BrowserLogin login = b.build();
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
      return interactive(login.await());
    } catch (LoginTimeoutException e) {
      if (hook.fired()) {
        return cancelled();
      }
      throw e;
    } finally {
      countdown.close();
      hook.close();
    }
  }

  private Result device() throws IOException {
    Duration timeout = s.effective().duration(Setting.TIMEOUT).orElse(DEVICE_TIMEOUT);
    DeviceScreen screen =
        new DeviceScreen(err, cmd.style(), env.stderrTerminal(), env.clock(), timeout);
    DeviceLogin.Builder b =
        DeviceLogin.builder()
            .provider(providers.metadata())
            .client(client())
            .scope(s.scope())
            .transport(providers.transport())
            .dpop(s.flag(Setting.DPOP))
            .timeout(timeout)
            .prompt(screen);
    s.text(Setting.LOGIN_HINT).ifPresent(b::loginHint);
    s.parameters().forEach(b::parameter);
    DeviceLogin login = b.build();
    CancelOnExit hook = CancelOnExit.register(login::cancel);
    try {
      return interactive(login.login());
    } catch (LoginTimeoutException e) {
      if (hook.fired()) {
        return cancelled();
      }
      throw e;
    } finally {
      screen.close();
      hook.close();
    }
  }

  private Result cancelled() {
    err.println("Sign-in cancelled; nothing was stored.");
    err.flush();
    return Result.cancelledByUser();
  }

  private Result interactive(LoginResult r) {
    String who = r.identity().map(Identity::displayName).orElse(s.requireClientId() + " user");
    return new Result(r.tokens(), who, false);
  }

  private Result password() throws IOException {
    String username =
        s.text(Setting.USERNAME)
            .orElseThrow(
                () -> CliError.usage("no username: pass --username NAME or set LANYARD_USERNAME"));
    PasswordGrant g =
        Grant.password(username, providers.secrets().password(s, cmd.passwordEnv, username))
            .withScope(providers.passwordScope());
    if (cmd.totp != null) {
      String code =
          cmd.totp.isEmpty()
              ? providers
                  .secrets()
                  .prompt("One-time code: ")
                  .orElseThrow(() -> CliError.usage("no one-time code: run in a terminal"))
              : cmd.totp;
      g = g.withOneTimeCode(code);
    }
    return unattended(g, username);
  }

  private Result clientCredentials() throws IOException {
    if (!client().isConfidential()) {
      throw CliError.usage(
          "client-credentials needs the client secret: pass --client-secret-env VAR or"
              + " --client-secret-file FILE, or set LANYARD_CLIENT_SECRET");
    }
    return unattended(Grant.clientCredentials(s.scope()), "client " + s.requireClientId());
  }

  private Result refreshToken() throws IOException {
    String token = providers.secrets().pastedToken("refresh token", cmd.tokenEnv);
    RefreshTokenGrant g = Grant.refreshToken(token);
    Scope scope = s.scope();
    return unattended(scope.isEmpty() ? g : g.withScope(scope), s.requireClientId() + " user");
  }

  private Result staticToken() throws IOException {
    String token = providers.secrets().pastedToken("personal access token", cmd.tokenEnv);
    TokenSet t = TokenSet.builder(token).issuedAt(env.clock().instant()).build();
    return new Result(t, null, false);
  }

  /** One token request with {@code grant}; the ID token, if any, says who signed in. */
  private Result unattended(Grant grant, String fallbackWho) throws IOException {
    ProviderMetadata m = providers.metadata();
    ClientAuthentication client = client();
    TokenSession session =
        TokenSession.builder()
            .provider(m)
            .client(client)
            .grant(grant)
            .transport(providers.transport())
            .clock(env.clock())
            .dpop(s.flag(Setting.DPOP))
            .build();
    TokenSet tokens = session.token();
    String who = identity(m, client, tokens).map(Identity::displayName).orElse(fallbackWho);
    return new Result(tokens, who, false);
  }

  private Optional<Identity> identity(ProviderMetadata m, ClientAuthentication client, TokenSet t)
      throws IOException {
    if (t.idToken().isEmpty() || m.issuer().isEmpty() || m.jwksUri().isEmpty()) {
      return Optional.empty();
    }
    IdTokenVerifier verifier =
        IdTokenVerifier.forProvider(m, client.clientId(), cmd.ctx().transport(s));
    return Optional.of(verifier.verify(t.idToken().get()));
  }
}
