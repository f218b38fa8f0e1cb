package dev.lanyard.cli;

import dev.lanyard.LoginRequiredException;
import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import dev.lanyard.profiles.config.Profile;
import dev.lanyard.profiles.config.Setting;
import dev.lanyard.profiles.internal.Settings;
import dev.lanyard.provider.ClientConfiguration;
import dev.lanyard.provider.ClientRegistration;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.provider.RegisteredClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lanyard register}: dynamic client registration (RFC 7591). Authenticated by an initial
 * access token when given, else by the profile's current token, else anonymous. Prints the
 * provider's JSON answer, which holds the new client's credentials, on standard output.
 */
@Command(
    name = "register",
    header = "Register a new OAuth client at the provider (RFC 7591).",
    description = {
      "Prints the registration response (JSON, with the client's credentials) and keeps it in an"
          + " owner-only file beside the config file, so that --show and --delete can manage the"
          + " client later (RFC 7592)."
    })
final class RegisterCommand extends BaseCommand {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "CLIENT_NAME",
      description = "A name for the client.")
  String clientName;

  @Option(
      names = "--show",
      paramLabel = "CLIENT_ID",
      description = "Print a client registered here as the provider holds it now (RFC 7592).")
  String show;

  @Option(
      names = "--delete",
      paramLabel = "CLIENT_ID",
      description = "Delete a client registered here at the provider (RFC 7592).")
  String delete;

  @Parameters(
      index = "1..*",
      arity = "0..*",
      paramLabel = "REDIRECT_URI",
      description = "Redirect URIs of the client.")
  List<String> redirectUris = List.of();

  @Option(
      names = "--grant-type",
      paramLabel = "G",
      description = "A grant type, e.g. authorization_code; repeat for more.")
  List<String> grantTypes = List.of();

  @Option(names = "--scope", paramLabel = "S", description = "Space-separated scopes.")
  String scope;

  @Option(names = "--issuer", paramLabel = "URL", description = "Register at this provider.")
  String issuer;

  @Option(
      names = "--initial-access-token-env",
      paramLabel = "VAR",
      description = "Environment variable holding an initial access token.")
  String initialAccessTokenEnv;

  @Option(
      names = "--anonymous",
      description =
          "Register without an initial access token (where the provider allows it), instead of"
              + " being asked for one.")
  boolean anonymous;

  @Override
  int run() throws Exception {
    profile();
    Registrations kept = new Registrations(ctx().configFile().path());
    if (show != null || delete != null) {
      if (clientName != null || (show != null && delete != null)) {
        throw CliError.usage("--show and --delete take a client id and nothing else");
      }
      return manage(kept);
    }
    if (clientName == null) {
      throw CliError.usage("missing CLIENT_NAME: the name of the client to register");
    }
    Profile flags = ProviderOptions.set(Profile.EMPTY, Setting.ISSUER, issuer);
    Settings s = ctx().settings(flags);
    Settings fromProfile = ctx().settings(Profile.EMPTY);
    boolean sameProvider =
        issuer == null
            || fromProfile.issuer().map(i -> i.equals(s.issuer().orElse(null))).orElse(false);
    URI endpoint = endpoint(s, sameProvider);
    ClientRegistration.Builder registration =
        ClientRegistration.builder(endpoint).transport(ctx().transport(s)).clientName(clientName);
    if (!redirectUris.isEmpty()) {
      List<URI> uris = new ArrayList<>();
      for (String uri : redirectUris) {
        uris.add(requireAbsolute(uri));
      }
      registration.redirectUris(uris);
    }
    if (!grantTypes.isEmpty()) {
      registration.grantTypes(grantTypes);
    }
    if (scope != null && !scope.isBlank()) {
      registration.scope(scope(scope));
    }
    bearer(fromProfile, sameProvider).ifPresent(registration::initialAccessToken);
    RegisteredClient client = registration.build().register();
    out().println(client.json());
    String keptNote = "";
    if (client.registrationAccessToken().isPresent()
        && client.registrationClientUri().isPresent()) {
      kept.save(client.clientId(), client.json());
      keptNote =
          " Kept for lanyard register --show|--delete "
              + client.clientId()
              + " in "
              + kept.file(client.clientId())
              + ".";
    }
    if (client.clientSecret().isPresent() || client.registrationAccessToken().isPresent()) {
      err().println("The answer holds the new client's secret: keep it safe." + keptNote);
    }
    return CliError.OK;
  }

  /** {@code --show} or {@code --delete}; every answer's rotated token is kept. */
  private int manage(Registrations kept) throws IOException {
    String clientId = show != null ? show : delete;
    ClientConfiguration config = kept.configuration(clientId, env().transport());
    if (show != null) {
      RegisteredClient now = config.read();
      kept.save(clientId, now.json());
      out().println(now.json());
      return CliError.OK;
    }
    config.delete();
    kept.delete(clientId);
    err().println("Deleted client " + clientId + " at the provider.");
    return CliError.OK;
  }

  private static Scope scope(String scope) {
    try {
      return Scope.of(scope);
    } catch (IllegalArgumentException e) {
      throw CliError.usage(e.getMessage());
    }
  }

  private static URI requireAbsolute(String uri) {
    try {
      URI u = new URI(uri);
      if (u.isAbsolute()) {
        return u;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    throw CliError.usage("redirect URI '" + uri + "' is not an absolute URI");
  }

  private URI endpoint(Settings s, boolean sameProvider) throws IOException {
    if (sameProvider) {
      Optional<URI> explicit = s.endpoint(Setting.REGISTRATION_ENDPOINT);
      if (explicit.isPresent()) {
        return explicit.get();
      }
    }
    s.requireProvider();
    ProviderMetadata m =
        s.issuer().isPresent()
            ? ProviderMetadata.discover(s.issuer().get(), ctx().transport(s))
            : new Providers(ctx(), s).metadata();
    return m.registrationEndpoint()
        .orElseThrow(
            () ->
                CliError.failure(
                    "the provider offers no client registration (no registration_endpoint in its"
                        + " metadata); set one with lanyard profile set "
                        + s.profile()
                        + " registration_endpoint=URL"));
  }

  /** An initial access token typed at the terminal, hidden; without a terminal, what to set. */
  private String askForInitialAccessToken() {
    return new Secrets(env(), ctx().vars())
        .prompt("Initial access token (it will not be shown): ")
        .orElseThrow(
            () ->
                CliError.usage(
                    "no initial access token: put it in a variable and pass"
                        + " --initial-access-token-env VAR, sign the profile in first, or pass"
                        + " --anonymous where the provider allows anonymous registration"));
  }

  private Optional<String> bearer(Settings profile, boolean sameProvider) throws IOException {
    if (initialAccessTokenEnv != null) {
      return Optional.of(
          ctx()
              .vars()
              .secret(initialAccessTokenEnv)
              .filter(v -> !v.isBlank())
              .orElseThrow(
                  () ->
                      CliError.usage(
                          "the variable "
                              + initialAccessTokenEnv
                              + " (named by --initial-access-token-env) is not set")));
    }
    if (!sameProvider || ctx().store(profile).load().isEmpty()) {
      return anonymous ? Optional.empty() : Optional.of(askForInitialAccessToken());
    }
    try {
      TokenSet t = Tokens.valid(ctx(), profile, Duration.ZERO, false);
      return Optional.of(t.accessToken());
    } catch (LoginRequiredException e) {
      err().println("Profile " + profile.profile() + " is not signed in; registering anonymously.");
      return Optional.empty();
    }
  }
}
