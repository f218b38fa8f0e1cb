package dev.lanyard.cli;

import dev.lanyard.LoginRequiredException;
import dev.lanyard.TokenSet;
import dev.lanyard.profiles.config.Profile;
import dev.lanyard.profiles.config.Setting;
import dev.lanyard.profiles.internal.Settings;
import dev.lanyard.store.TokenStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code lanyard git-credential get|store|erase}: a git credential helper. {@code get} answers
 * {@code username}, {@code password} (the access token) and {@code password_expiry_utc}; {@code
 * store} has nothing to keep; {@code erase} (git's answer to a rejected password) renews the token
 * when it is the one git was given.
 */
@Command(
    name = "git-credential",
    header = "A git credential helper: the access token as the HTTPS password.",
    description = {
      "git config --global credential.https://git.example.org.helper '!lanyard git-credential'",
      "The username is the profile's username, else the one git asks for, else oauth2."
    })
final class GitCredentialCommand extends BaseCommand {
  /** The helper operations git calls. */
  enum Operation {
    get,
    store,
    erase
  }

  @Parameters(index = "0", paramLabel = "OPERATION", description = "get, store or erase.")
  Operation operation;

  @Override
  boolean readsDotEnv() {
    return false;
  }

  @Override
  int run() throws Exception {
    Map<String, String> request = read();
    if (operation == Operation.store) {
      return CliError.OK; // the token lives in Lanyard's own store
    }
    profile();
    Settings s = ctx().settings(Profile.EMPTY);
    if (operation == Operation.erase) {
      return erase(s, request);
    }
    TokenSet t = Tokens.valid(ctx(), s, Duration.ZERO, false);
    String username =
        s.text(Setting.USERNAME)
            .or(() -> Optional.ofNullable(request.get("username")))
            .orElse("oauth2");
    out().print("username=" + username + "\n");
    out().print("password=" + t.accessToken() + "\n");
    t.expiresAt().ifPresent(e -> out().print("password_expiry_utc=" + e.getEpochSecond() + "\n"));
    return CliError.OK;
  }

  private int erase(Settings s, Map<String, String> request) throws IOException {
    if (s.plugin().isPresent()) {
      return CliError.OK; // a provider plug-in's credentials are never git's password
    }
    TokenStore store = ctx().store(s);
    String rejected = request.get("password");
    Optional<TokenSet> stored = store.load();
    if (rejected == null || stored.isEmpty() || !stored.get().accessToken().equals(rejected)) {
      return CliError.OK; // not a token of ours
    }
    try {
      new Providers(ctx(), s).session(store).forceRefresh(rejected);
    } catch (LoginRequiredException e) {
      err()
          .println(
              "lanyard: the provider rejected the token and it cannot be renewed; sign in"
                  + " with: "
                  + root().loginCommand());
    }
    return CliError.OK;
  }

  /** git's request: {@code key=value} lines up to a blank line or the end of input. */
  private Map<String, String> read() throws IOException {
    Map<String, String> request = new LinkedHashMap<>();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(env().stdin(), StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        request.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return request;
  }
}
