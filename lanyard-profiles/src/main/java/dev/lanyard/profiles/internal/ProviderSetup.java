package dev.lanyard.profiles.internal;

import dev.lanyard.Scope;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.client.ClientCertificate;
import dev.lanyard.client.ClientKey;
import dev.lanyard.grant.Grant;
import dev.lanyard.internal.env.Variables;
import dev.lanyard.profiles.config.ConfigException;
import dev.lanyard.profiles.config.ConfigFile;
import dev.lanyard.profiles.config.Flow;
import dev.lanyard.profiles.config.Profile;
import dev.lanyard.profiles.config.Setting;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.session.TokenSession;
import dev.lanyard.store.TokenStore;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the core's objects from a profile's settings: provider metadata, client authentication,
 * the transport, and the session that keeps a profile's tokens valid. Nothing here calls the
 * provider until a token or the metadata is asked for. The command line and {@link
 * dev.lanyard.profiles.Profiles} both go through here.
 */
public final class ProviderSetup {
  private final Surroundings env;
  private final Settings settings;
  private final SecretSources secrets;
  private final Transport base;
  private ProviderMetadata metadata;

  /**
   * The setup of {@code settings}; {@code base} is the transport with the profile's proxy and CA
   * bundle ({@link Network#transport}).
   *
   * @throws ConfigException when the profile comes from a config file other users can change
   */
  public ProviderSetup(
      Surroundings env, Variables vars, ConfigFile configFile, Settings settings, Transport base) {
    this.env = env;
    this.settings = settings;
    this.secrets = new SecretSources(env, vars);
    this.base = base;
    if (!settings.stored().equals(Profile.EMPTY)) {
      // the profile decides where secrets and refresh tokens go: it must be the user's own
      configFile
          .writableByOthers()
          .ifPresent(
              reason -> {
                throw new ConfigException(
                    "refusing to use profile '"
                        + settings.profile()
                        + "' to call its provider: "
                        + reason);
              });
    }
  }

  /** Where this profile's secrets come from. */
  public SecretSources secrets() {
    return secrets;
  }

  /**
   * The provider's metadata: discovered from the issuer with explicit endpoints on top, or only the
   * explicit endpoints when there is no issuer.
   */
  public ProviderMetadata metadata() throws IOException {
    if (metadata != null) {
      return metadata;
    }
    settings.requireProvider();
    Optional<URI> issuer = settings.issuer();
    ProviderMetadata.Builder b;
    if (issuer.isPresent()) {
      b = ProviderMetadata.discover(issuer.get(), base).newBuilder();
      settings.endpoint(Setting.TOKEN_ENDPOINT).ifPresent(b::tokenEndpoint);
    } else {
      b = ProviderMetadata.builder(settings.endpoint(Setting.TOKEN_ENDPOINT).orElseThrow());
    }
    if (settings.endpoint(Setting.TOKEN_ENDPOINT).isPresent()) {
      b.mtlsEndpointAliases(Map.of()); // the user's own endpoint wins (RFC 8705 §5)
    }
    settings.endpoint(Setting.AUTHORIZATION_ENDPOINT).ifPresent(b::authorizationEndpoint);
    settings.endpoint(Setting.DEVICE_ENDPOINT).ifPresent(b::deviceAuthorizationEndpoint);
    settings.endpoint(Setting.REVOCATION_ENDPOINT).ifPresent(b::revocationEndpoint);
    settings.endpoint(Setting.REGISTRATION_ENDPOINT).ifPresent(b::registrationEndpoint);
    settings.endpoint(Setting.USERINFO_ENDPOINT).ifPresent(b::userinfoEndpoint);
    metadata = b.build();
    return metadata;
  }

  /**
   * The client, authenticated as {@code client_auth} says: with its secret when one is configured
   * (basic by default), with a signed assertion ({@code private-key-jwt} with {@code
   * client_key_file}, {@code client-secret-jwt} with the secret), or not at all. {@code
   * secretEnvFlag}/{@code secretFileFlag}: the command line's flags, null when not given.
   */
  public ClientAuthentication client(String secretEnvFlag, String secretFileFlag)
      throws IOException {
    String id = settings.requireClientId();
    Optional<String> auth = settings.text(Setting.CLIENT_AUTH);
    Optional<String> keyFile = settings.text(Setting.CLIENT_KEY_FILE);
    if (auth.map("private-key-jwt"::equals).orElse(keyFile.isPresent() && auth.isEmpty())) {
      return ClientAuthentication.privateKeyJwt(id, clientKey(keyFile));
    }
    if (auth.map("none"::equals).orElse(false)) {
      return ClientAuthentication.none(id);
    }
    if (auth.map("tls"::equals).orElse(false)) {
      certificate(); // checked now: the transport presents it
      return ClientAuthentication.tlsClientAuth(id);
    }
    if (auth.map("self-signed-tls"::equals).orElse(false)) {
      certificate();
      return ClientAuthentication.selfSignedTlsClientAuth(id);
    }
    Optional<String> secret = secrets.clientSecret(settings, secretEnvFlag, secretFileFlag);
    if (secret.isEmpty()) {
      if (auth.isPresent()) {
        throw ConfigException.usage(
            "client_auth "
                + auth.get()
                + " needs the client secret: pass --client-secret-env VAR or --client-secret-file"
                + " FILE, or set LANYARD_CLIENT_SECRET");
      }
      return ClientAuthentication.none(id);
    }
    try {
      return switch (auth.orElse("basic")) {
        case "post" -> ClientAuthentication.secretPost(id, secret.get());
        case "client-secret-jwt" -> ClientAuthentication.clientSecretJwt(id, secret.get());
        default -> ClientAuthentication.secretBasic(id, secret.get());
      };
    } catch (IllegalArgumentException e) {
      throw ConfigException.usage(e.getMessage());
    }
  }

  /**
   * How the provider is called: the base transport, presenting the client certificate ({@code
   * client_cert_file}, {@code client_key_file}) when the profile authenticates with TLS.
   */
  public Transport transport() throws IOException {
    Optional<String> auth = settings.text(Setting.CLIENT_AUTH);
    if (!auth.map(a -> a.equals("tls") || a.equals("self-signed-tls")).orElse(false)) {
      return base;
    }
    Path ca = Network.settings(env, settings).caFile().orElse(null);
    return base.newBuilder().sslContext(certificate().sslContext(ca)).build();
  }

  private ClientCertificate certificate() throws IOException {
    Optional<String> cert = settings.text(Setting.CLIENT_CERT_FILE);
    Optional<String> key = settings.text(Setting.CLIENT_KEY_FILE);
    if (cert.isEmpty() || key.isEmpty()) {
      throw ConfigException.usage(
          "client_auth tls needs the certificate and its key: pass --client-cert-file FILE and"
              + " --client-key-file FILE (PEM)");
    }
    try {
      return ClientCertificate.load(Path.of(cert.get()), Path.of(key.get()));
    } catch (IllegalArgumentException e) {
      throw ConfigException.usage(e.getMessage());
    } catch (NoSuchFileException e) {
      throw ConfigException.usage("file " + e.getFile() + " does not exist");
    }
  }

  /** The key of {@code client_key_file}, with {@code client_key_id} when set: checked now. */
  private ClientKey clientKey(Optional<String> keyFile) throws IOException {
    if (keyFile.isEmpty()) {
      throw ConfigException.usage(
          "private-key-jwt needs the client's key: pass --client-key-file FILE (PKCS#8 PEM or JWK)");
    }
    try {
      ClientKey key = ClientKey.load(Path.of(keyFile.get()));
      Optional<String> kid = settings.text(Setting.CLIENT_KEY_ID);
      return kid.isPresent() ? key.withKeyId(kid.get()) : key;
    } catch (IllegalArgumentException e) {
      throw ConfigException.usage(e.getMessage());
    } catch (NoSuchFileException e) {
      throw ConfigException.usage("client key file " + keyFile.get() + " does not exist");
    }
  }

  /**
   * The builder of the session that keeps this profile's tokens in {@code store} valid: it
   * refreshes with the stored refresh token, and signs in again by itself when the flow can without
   * a person (client credentials with a secret, a password from the environment).
   */
  public TokenSession.Builder sessionBuilder(TokenStore store) throws IOException {
    TokenSession.Builder b =
        TokenSession.builder()
            .store(store)
            .skew(settings.skew())
            .clock(env.clock())
            .transport(transport());
    if (!settings.hasProvider() || settings.flowSet().orElse(null) == Flow.TOKEN) {
      return b; // a static token is never renewed
    }
    Optional<URI> tokenEndpoint = settings.endpoint(Setting.TOKEN_ENDPOINT);
    if (tokenEndpoint.isPresent()) {
      b.tokenEndpoint(tokenEndpoint.get());
    } else {
      b.issuer(settings.issuer().orElseThrow());
    }
    b.client(client(null, null));
    b.dpop(settings.flag(Setting.DPOP));
    unattendedGrant().ifPresent(b::grant);
    return b;
  }

  /** As {@link #sessionBuilder}, built, without refresh-ahead: a short run renews when it must. */
  public TokenSession session(TokenStore store) throws IOException {
    return sessionBuilder(store).refreshAhead(Duration.ZERO).build();
  }

  /**
   * The scope of a password sign-in: with {@code openid} when there is an issuer, for an ID token.
   */
  public Scope passwordScope() {
    Scope scope = settings.scope();
    return settings.issuer().isPresent() ? Scope.of("openid").union(scope) : scope;
  }

  /** The grant that signs in again without a person, when the flow has one. */
  private Optional<Grant> unattendedGrant() throws IOException {
    try {
      return unattendedGrantOrFail();
    } catch (ConfigException e) {
      if (!e.isUsage()) {
        throw e;
      }
      // A secret variable named by the profile but not set here: renew with the refresh token,
      // and only a person can sign in again once that is dead.
      return Optional.empty();
    }
  }

  private Optional<Grant> unattendedGrantOrFail() throws IOException {
    Flow flow = settings.flowSet().orElse(null);
    if (flow == Flow.CLIENT_CREDENTIALS && client(null, null).isConfidential()) {
      return Optional.of(Grant.clientCredentials(settings.scope()));
    }
    if (flow == Flow.PASSWORD) {
      Optional<String> username = settings.text(Setting.USERNAME);
      Optional<String> password = secrets.password(settings, null);
      if (username.isPresent() && password.isPresent()) {
        return Optional.of(
            Grant.password(username.get(), password.get()).withScope(passwordScope()));
      }
    }
    return Optional.empty();
  }
}
