package dev.lanyard.cli;

import dev.lanyard.profiles.config.Config;
import dev.lanyard.profiles.config.Profile;
import dev.lanyard.profiles.config.Setting;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code lanyard profile set NAME KEY=VALUE...}: changes settings, creating the profile when it is
 * new. An empty value removes a key; {@code parameters.NAME=VALUE} sets an extra parameter.
 */
@Command(
    name = "set",
    header = "Change a profile's settings (KEY=VALUE; an empty VALUE removes the key).",
    description = {
      "Keys: issuer, client_id, flow, scopes, login_hint, port, callback_path, token_endpoint,"
          + " authorization_endpoint, device_endpoint, revocation_endpoint, registration_endpoint,"
          + " userinfo_endpoint, audience, parameters.NAME, skew, timeout, username, client_auth,"
          + " client_key_file, client_key_id, client_cert_file, dpop, par, client_secret_env,"
          + " client_secret_file,"
          + " password_env.",
      "Secrets are never stored: name the variable or file that holds one."
    })
final class ProfileSetCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "The profile.")
  String name;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY=VALUE", description = "Settings.")
  List<String> assignments;

  @Override
  int run() throws Exception {
    Config.checkName(name);
    Profile before = ctx().config().profile(name).orElse(Profile.EMPTY);
    Profile after = before;
    for (String a : assignments) {
      after = apply(after, a);
    }
    Profile result = after;
    Config saved =
        ctx()
            .configFile()
            .update(
                c -> {
                  Config next = c.with(name, result);
                  return next.defaultProfile().isPresent() ? next : next.withDefault(name);
                });
    ctx().configChanged(saved);
    err().println("Profile " + name + " saved in " + ctx().configFile().path() + ".");
    return CliError.OK;
  }

  private static Profile apply(Profile p, String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw CliError.usage("'" + assignment + "' is not KEY=VALUE");
    }
    String key = assignment.substring(0, eq).strip();
    String value = assignment.substring(eq + 1).strip();
    String lower = key.toLowerCase(Locale.ROOT);
    if (lower.startsWith("parameters.") && lower.length() > "parameters.".length()) {
      return p.withParameter(key.substring("parameters.".length()), value);
    }
    Setting s = Setting.forKey(key);
    if (s == null) {
      if (lower.contains("secret") || lower.contains("password") || lower.contains("token")) {
        throw CliError.usage(
            "'"
                + key
                + "' is not a key, and secrets are never stored in the config file: set"
                + " client_secret_env, client_secret_file or password_env to say where one is");
      }
      throw CliError.usage("unknown key '" + key + "'; known keys: " + Setting.keys());
    }
    try {
      return p.withText(s, value);
    } catch (IllegalArgumentException e) {
      throw CliError.usage(e.getMessage());
    }
  }
}
