package dev.lanyard.cli;

import dev.lanyard.profiles.config.Profile;
import dev.lanyard.profiles.config.Setting;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Which provider and client to use: the options a sign-in records in its profile. A mixin, so every
 * command that signs in (login, and later demo) spells them the same.
 */
final class ProviderOptions {
  @Option(
      names = "--preset",
      paramLabel = "NAME",
      description =
          "Start from a preset's settings: cdse, terrascope, or one under presets: in"
              + " config.yaml; other options override it.")
  String preset;

  @Option(
      names = "--project",
      paramLabel = "NAME",
      description = "Ask for a token for this application (a name under projects:).")
  String project;

  @Option(
      names = "--environment",
      paramLabel = "ENV",
      description = "Which environment's project ids to use (e.g. prod, dev).")
  String environment;

  @Option(names = "--issuer", paramLabel = "URL", description = "The provider's issuer URL.")
  String issuer;

  @Option(names = "--client-id", paramLabel = "ID", description = "The OAuth client id.")
  String clientId;

  @Option(
      names = "--client-secret-env",
      paramLabel = "VAR",
      description = "Read the client secret from this environment variable.")
  String clientSecretEnv;

  @Option(
      names = "--client-secret-file",
      paramLabel = "FILE",
      description = "Read the client secret from this file.")
  String clientSecretFile;

  @Option(
      names = "--client-auth",
      paramLabel = "METHOD",
      description =
          "How the client authenticates: none, secret-basic, secret-post, private-key-jwt or"
              + " client-secret-jwt (default: secret-basic with a secret, none without).")
  String clientAuth;

  @Option(
      names = "--client-key-file",
      paramLabel = "FILE",
      description = "The client's private key (owner-only PKCS#8 PEM or JWK): private-key-jwt.")
  String clientKeyFile;

  @Option(
      names = "--client-key-id",
      paramLabel = "KID",
      description = "The key id (kid) to name in client assertions.")
  String clientKeyId;

  @Option(
      names = "--client-cert-file",
      paramLabel = "FILE",
      description =
          "The client's TLS certificate (PEM; key: --client-key-file): --client-auth tls.")
  String clientCertFile;

  @Option(
      names = "--dpop",
      description = "Ask for DPoP-bound tokens (RFC 9449); the key is stored with them.")
  Boolean dpop;

  @Option(
      names = "--par",
      description = "Push authorization requests first (RFC 9126); default: when required.")
  Boolean par;

  @Option(
      names = "--scope",
      paramLabel = "SCOPE",
      description = "A scope to ask for; repeat, or separate with spaces.")
  List<String> scopes;

  @Option(
      names = "--audience",
      paramLabel = "AUD",
      description = "Ask for tokens for this audience.")
  String audience;

  @Option(names = "--token-endpoint", paramLabel = "URL", description = "Explicit token endpoint.")
  String tokenEndpoint;

  @Option(
      names = "--authorization-endpoint",
      paramLabel = "URL",
      description = "Explicit authorization endpoint.")
  String authorizationEndpoint;

  @Option(
      names = "--device-endpoint",
      paramLabel = "URL",
      description = "Explicit device authorization endpoint.")
  String deviceEndpoint;

  /** The options given, as profile settings; a usage error when one does not parse. */
  Profile toProfile() {
    Profile p = Profile.EMPTY;
    p = set(p, Setting.PRESET, preset);
    p = set(p, Setting.PROJECT, project);
    p = set(p, Setting.ENVIRONMENT, environment);
    p = set(p, Setting.ISSUER, issuer);
    p = set(p, Setting.CLIENT_ID, clientId);
    p = set(p, Setting.CLIENT_SECRET_ENV, clientSecretEnv);
    p = set(p, Setting.CLIENT_SECRET_FILE, clientSecretFile);
    p = set(p, Setting.AUDIENCE, audience);
    p = set(p, Setting.CLIENT_AUTH, clientAuth);
    p = set(p, Setting.CLIENT_KEY_FILE, clientKeyFile);
    p = set(p, Setting.CLIENT_KEY_ID, clientKeyId);
    p = set(p, Setting.CLIENT_CERT_FILE, clientCertFile);
    p = set(p, Setting.DPOP, dpop == null ? null : dpop.toString());
    p = set(p, Setting.PAR, par == null ? null : par.toString());
    p = set(p, Setting.TOKEN_ENDPOINT, tokenEndpoint);
    p = set(p, Setting.AUTHORIZATION_ENDPOINT, authorizationEndpoint);
    p = set(p, Setting.DEVICE_ENDPOINT, deviceEndpoint);
    if (scopes != null && !scopes.isEmpty()) {
      List<String> all = new ArrayList<>();
      for (String s : scopes) {
        for (String part : s.strip().split("\\s+")) {
          if (!part.isEmpty() && !all.contains(part)) {
            all.add(part);
          }
        }
      }
      p = p.with(Setting.SCOPES, List.copyOf(all));
    }
    return p;
  }

  static Profile set(Profile p, Setting setting, String value) {
    if (value == null) {
      return p;
    }
    try {
      return p.with(setting, setting.parse(value));
    } catch (IllegalArgumentException e) {
      throw CliError.usage(
          "--"
              + setting.key().replace('_', '-')
              + " "
              + e.getMessage().substring(e.getMessage().indexOf(':') + 1).strip());
    }
  }
}
