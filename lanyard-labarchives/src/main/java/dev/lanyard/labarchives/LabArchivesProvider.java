package dev.lanyard.labarchives;

import dev.lanyard.http.RequestAuthorizer;
import dev.lanyard.login.provider.CallbackProvider;
import dev.lanyard.login.provider.CallbackResponse;
import dev.lanyard.login.provider.Credentials;
import dev.lanyard.login.provider.ProviderIdentity;
import dev.lanyard.login.provider.SecretSignIn;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * LabArchives as Lanyard's provider plug-in. The callback carries {@code email} and {@code
 * auth_code}, or an {@code error}; the code redeems through {@code users/user_access_info}. The
 * credentials are the user id, e-mail and name ({@link LabArchivesUser#credentials()}); there is no
 * bearer token: every request is signed with the application's access key.
 */
final class LabArchivesProvider implements CallbackProvider {
  static final String ID = "labarchives";

  private final LabArchives api;

  LabArchivesProvider(LabArchives api) {
    this.api = api;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int defaultPort() {
    return LabArchives.DEFAULT_CALLBACK_PORT;
  }

  @Override
  public URI loginUrl(URI callbackUrl) {
    return api.loginUrl(callbackUrl);
  }

  @Override
  public CallbackResponse read(Map<String, String> parameters) {
    String error = parameters.get("error");
    if (error != null) {
      String description = parameters.get("error_description");
      return CallbackResponse.denied(
          new LabArchivesAuthenticationException(
              error.isBlank() ? "unknown_error" : error,
              description != null ? description : "LabArchives refused the sign-in",
              0));
    }
    String email = parameters.get("email");
    if (email == null || email.isBlank()) {
      return CallbackResponse.incomplete("no email parameter");
    }
    String code = parameters.get("auth_code");
    if (code == null || code.isBlank()) {
      return CallbackResponse.incomplete("no auth_code parameter");
    }
    return CallbackResponse.accepted(Map.of("email", email, "auth_code", code));
  }

  @Override
  public Credentials redeem(CallbackResponse.Accepted accepted) throws IOException {
    return api.login(
            accepted.parameter("email").orElseThrow(),
            accepted.parameter("auth_code").orElseThrow())
        .credentials();
  }

  /** An e-mail and a password token for external applications, from LabArchives' web UI. */
  @Override
  public Optional<SecretSignIn> secretSignIn() {
    return Optional.of((email, token) -> api.login(email, token).credentials());
  }

  @Override
  public RequestAuthorizer authenticator(Credentials credentials) {
    credentials.requireProvider(ID).require(LabArchivesUser.UID);
    return api.authenticator();
  }

  @Override
  public ProviderIdentity describe(Credentials credentials) {
    credentials.requireProvider(ID);
    ProviderIdentity who = ProviderIdentity.of(credentials.require(LabArchivesUser.UID));
    Optional<String> email = credentials.value(LabArchivesUser.EMAIL);
    Optional<String> name = credentials.value(LabArchivesUser.NAME);
    who = email.isPresent() ? who.withEmail(email.get()) : who;
    return name.isPresent() ? who.withName(name.get()) : who;
  }

  @Override
  public String toString() {
    return "LabArchivesProvider{" + api + '}';
  }
}
