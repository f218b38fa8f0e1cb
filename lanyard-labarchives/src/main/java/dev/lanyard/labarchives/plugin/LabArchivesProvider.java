package dev.lanyard.labarchives.plugin;

import dev.lanyard.http.RequestAuthorizer;
import dev.lanyard.internal.provider.CallbackProvider;
import dev.lanyard.internal.provider.CallbackResponse;
import dev.lanyard.internal.provider.Credentials;
import dev.lanyard.internal.provider.ProviderIdentity;
import dev.lanyard.internal.provider.SecretSignIn;
import dev.lanyard.labarchives.LabArchives;
import dev.lanyard.labarchives.LabArchivesAuthenticationException;
import dev.lanyard.labarchives.LabArchivesUser;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * LabArchives as Lanyard's provider plug-in, on LabArchives' public API. The callback carries
 * {@code email} and {@code auth_code}, or an {@code error}; the code redeems through {@code
 * users/user_access_info} into a {@link LabArchivesUser} (the module's own logins end there) or
 * into {@link Credentials}: the user id, e-mail and name (the command line stores those). There is
 * no bearer token: every request is signed with the application's access key.
 *
 * <p>Not API: the module does not export this package; the SPI it implements is internal to Lanyard
 * (docs/decisions/0012).
 */
public final class LabArchivesProvider implements CallbackProvider {
  /** The provider id: what the command line's {@code --provider} takes. */
  public static final String ID = "labarchives";

  static final String UID = "uid";
  static final String EMAIL = "email";
  static final String NAME = "name";

  private final LabArchives api;

  /** The plug-in for this application's API. */
  public LabArchivesProvider(LabArchives api) {
    this.api = Objects.requireNonNull(api, "api");
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

  /** The signed-in user with their notebooks: what the module's own logins end with. */
  public LabArchivesUser redeemUser(CallbackResponse.Accepted accepted) throws IOException {
    return api.login(
        accepted.parameter("email").orElseThrow(), accepted.parameter("auth_code").orElseThrow());
  }

  @Override
  public Credentials redeem(CallbackResponse.Accepted accepted) throws IOException {
    return credentials(redeemUser(accepted));
  }

  /** An e-mail and a password token for external applications, from LabArchives' web UI. */
  @Override
  public Optional<SecretSignIn> secretSignIn() {
    return Optional.of((email, token) -> credentials(api.login(email, token)));
  }

  @Override
  public RequestAuthorizer authenticator(Credentials credentials) {
    credentials.requireProvider(ID).require(UID);
    return api.authenticator();
  }

  @Override
  public ProviderIdentity describe(Credentials credentials) {
    credentials.requireProvider(ID);
    ProviderIdentity who = ProviderIdentity.of(credentials.require(UID));
    Optional<String> email = credentials.value(EMAIL);
    Optional<String> name = credentials.value(NAME);
    who = email.isPresent() ? who.withEmail(email.get()) : who;
    return name.isPresent() ? who.withName(name.get()) : who;
  }

  /**
   * A user as the plug-in's credentials ({@code uid}, {@code email}, {@code name}), for a
   * credential store. Notebooks are not kept: they change.
   */
  public static Credentials credentials(LabArchivesUser user) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put(UID, user.id());
    values.put(EMAIL, user.email());
    user.fullName().ifPresent(n -> values.put(NAME, n));
    return Credentials.of(ID, values);
  }

  @Override
  public String toString() {
    return "LabArchivesProvider{" + api + '}';
  }
}
