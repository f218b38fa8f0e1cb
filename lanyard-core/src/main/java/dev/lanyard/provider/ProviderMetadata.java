package dev.lanyard.provider;

import dev.lanyard.MalformedResponseException;
import dev.lanyard.internal.http.Json;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider offers: its endpoints and capabilities, from OIDC discovery or RFC 8414, or given
 * explicitly. Only the token endpoint is required; it alone serves non-interactive grants.
 */
public final class ProviderMetadata {
  private final URI issuer;
  private final URI tokenEndpoint;
  private final URI authorizationEndpoint;
  private final URI deviceAuthorizationEndpoint;
  private final URI userinfoEndpoint;
  private final URI jwksUri;
  private final URI revocationEndpoint;
  private final URI registrationEndpoint;
  private final URI endSessionEndpoint;
  private final URI introspectionEndpoint;
  private final List<String> idTokenSigningAlgs;
  private final List<String> codeChallengeMethods;
  private final List<String> grantTypes;
  private final List<String> tokenEndpointAuthMethods;
  private final boolean issParameterSupported;

  private ProviderMetadata(Builder b) {
    this.issuer = b.issuer;
    this.tokenEndpoint = Objects.requireNonNull(b.tokenEndpoint, "tokenEndpoint");
    this.authorizationEndpoint = b.authorizationEndpoint;
    this.deviceAuthorizationEndpoint = b.deviceAuthorizationEndpoint;
    this.userinfoEndpoint = b.userinfoEndpoint;
    this.jwksUri = b.jwksUri;
    this.revocationEndpoint = b.revocationEndpoint;
    this.registrationEndpoint = b.registrationEndpoint;
    this.endSessionEndpoint = b.endSessionEndpoint;
    this.introspectionEndpoint = b.introspectionEndpoint;
    this.idTokenSigningAlgs = b.idTokenSigningAlgs;
    this.codeChallengeMethods = b.codeChallengeMethods;
    this.grantTypes = b.grantTypes;
    this.tokenEndpointAuthMethods = b.tokenEndpointAuthMethods;
    this.issParameterSupported = b.issParameterSupported;
  }

  /** A builder for explicitly configured endpoints; the token endpoint is all that is required. */
  public static Builder builder(URI tokenEndpoint) {
    return new Builder(tokenEndpoint);
  }

  /**
   * The provider's metadata by discovery, cached per issuer for an hour: OIDC discovery first
   * ({@code {issuer}/.well-known/openid-configuration}), then RFC 8414.
   */
  public static ProviderMetadata discover(URI issuer) throws IOException {
    return Discovery.discover(issuer, Transport.defaults());
  }

  /** As {@link #discover(URI)}, through the given transport. */
  public static ProviderMetadata discover(URI issuer, Transport transport) throws IOException {
    return Discovery.discover(issuer, transport);
  }

  /** Parses a discovery document; a missing or mistyped required member is an error. */
  public static ProviderMetadata parse(String json) throws MalformedResponseException {
    try {
      Map<String, Object> o = Json.parseObject(json);
      Builder b =
          new Builder(uri(o, "token_endpoint").orElseThrow(() -> missing("token_endpoint")));
      b.issuer = uri(o, "issuer").orElse(null);
      b.authorizationEndpoint = uri(o, "authorization_endpoint").orElse(null);
      b.deviceAuthorizationEndpoint = uri(o, "device_authorization_endpoint").orElse(null);
      b.userinfoEndpoint = uri(o, "userinfo_endpoint").orElse(null);
      b.jwksUri = uri(o, "jwks_uri").orElse(null);
      b.revocationEndpoint = uri(o, "revocation_endpoint").orElse(null);
      b.registrationEndpoint = uri(o, "registration_endpoint").orElse(null);
      b.endSessionEndpoint = uri(o, "end_session_endpoint").orElse(null);
      b.introspectionEndpoint = uri(o, "introspection_endpoint").orElse(null);
      b.idTokenSigningAlgs = Json.strings(o, "id_token_signing_alg_values_supported");
      b.codeChallengeMethods = Json.strings(o, "code_challenge_methods_supported");
      b.grantTypes = Json.strings(o, "grant_types_supported");
      b.tokenEndpointAuthMethods = Json.strings(o, "token_endpoint_auth_methods_supported");
      b.issParameterSupported =
          Json.bool(o, "authorization_response_iss_parameter_supported").orElse(false);
      return b.build();
    } catch (ParseException | IllegalArgumentException e) {
      throw new MalformedResponseException("invalid provider metadata: " + e.getMessage(), 200, e);
    }
  }

  private static ParseException missing(String name) {
    return new ParseException("no " + name, 0);
  }

  private static Optional<URI> uri(Map<String, Object> o, String name) throws ParseException {
    Optional<String> s = Json.string(o, name);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI u = new URI(s.get());
      if (!u.isAbsolute()) {
        throw new ParseException(name + " is not an absolute URI", 0);
      }
      return Optional.of(u);
    } catch (java.net.URISyntaxException e) {
      throw new ParseException(name + " is not a URI", 0);
    }
  }

  public Optional<URI> issuer() {
    return Optional.ofNullable(issuer);
  }

  public URI tokenEndpoint() {
    return tokenEndpoint;
  }

  public Optional<URI> authorizationEndpoint() {
    return Optional.ofNullable(authorizationEndpoint);
  }

  public Optional<URI> deviceAuthorizationEndpoint() {
    return Optional.ofNullable(deviceAuthorizationEndpoint);
  }

  public Optional<URI> userinfoEndpoint() {
    return Optional.ofNullable(userinfoEndpoint);
  }

  public Optional<URI> jwksUri() {
    return Optional.ofNullable(jwksUri);
  }

  public Optional<URI> revocationEndpoint() {
    return Optional.ofNullable(revocationEndpoint);
  }

  public Optional<URI> registrationEndpoint() {
    return Optional.ofNullable(registrationEndpoint);
  }

  public Optional<URI> endSessionEndpoint() {
    return Optional.ofNullable(endSessionEndpoint);
  }

  public Optional<URI> introspectionEndpoint() {
    return Optional.ofNullable(introspectionEndpoint);
  }

  public List<String> idTokenSigningAlgs() {
    return idTokenSigningAlgs;
  }

  public List<String> codeChallengeMethods() {
    return codeChallengeMethods;
  }

  public List<String> grantTypes() {
    return grantTypes;
  }

  public List<String> tokenEndpointAuthMethods() {
    return tokenEndpointAuthMethods;
  }

  /** RFC 9207: the provider adds {@code iss} to authorization responses. */
  public boolean issParameterSupported() {
    return issParameterSupported;
  }

  /** A builder pre-filled with this metadata, e.g. to override one endpoint. */
  public Builder newBuilder() {
    Builder b = new Builder(tokenEndpoint);
    b.issuer = issuer;
    b.authorizationEndpoint = authorizationEndpoint;
    b.deviceAuthorizationEndpoint = deviceAuthorizationEndpoint;
    b.userinfoEndpoint = userinfoEndpoint;
    b.jwksUri = jwksUri;
    b.revocationEndpoint = revocationEndpoint;
    b.registrationEndpoint = registrationEndpoint;
    b.endSessionEndpoint = endSessionEndpoint;
    b.introspectionEndpoint = introspectionEndpoint;
    b.idTokenSigningAlgs = idTokenSigningAlgs;
    b.codeChallengeMethods = codeChallengeMethods;
    b.grantTypes = grantTypes;
    b.tokenEndpointAuthMethods = tokenEndpointAuthMethods;
    b.issParameterSupported = issParameterSupported;
    return b;
  }

  @Override
  public String toString() {
    return "ProviderMetadata{issuer=" + issuer + ", tokenEndpoint=" + tokenEndpoint + '}';
  }

  /** Builds {@link ProviderMetadata}. */
  public static final class Builder {
    private URI issuer;
    private URI tokenEndpoint;
    private URI authorizationEndpoint;
    private URI deviceAuthorizationEndpoint;
    private URI userinfoEndpoint;
    private URI jwksUri;
    private URI revocationEndpoint;
    private URI registrationEndpoint;
    private URI endSessionEndpoint;
    private URI introspectionEndpoint;
    private List<String> idTokenSigningAlgs = List.of();
    private List<String> codeChallengeMethods = List.of();
    private List<String> grantTypes = List.of();
    private List<String> tokenEndpointAuthMethods = List.of();
    private boolean issParameterSupported;

    private Builder(URI tokenEndpoint) {
      this.tokenEndpoint = absolute(tokenEndpoint, "tokenEndpoint");
    }

    public Builder issuer(URI issuer) {
      this.issuer = absolute(issuer, "issuer");
      return this;
    }

    public Builder tokenEndpoint(URI uri) {
      this.tokenEndpoint = absolute(uri, "tokenEndpoint");
      return this;
    }

    public Builder authorizationEndpoint(URI uri) {
      this.authorizationEndpoint = absolute(uri, "authorizationEndpoint");
      return this;
    }

    public Builder deviceAuthorizationEndpoint(URI uri) {
      this.deviceAuthorizationEndpoint = absolute(uri, "deviceAuthorizationEndpoint");
      return this;
    }

    public Builder userinfoEndpoint(URI uri) {
      this.userinfoEndpoint = absolute(uri, "userinfoEndpoint");
      return this;
    }

    public Builder jwksUri(URI uri) {
      this.jwksUri = absolute(uri, "jwksUri");
      return this;
    }

    public Builder revocationEndpoint(URI uri) {
      this.revocationEndpoint = absolute(uri, "revocationEndpoint");
      return this;
    }

    public Builder registrationEndpoint(URI uri) {
      this.registrationEndpoint = absolute(uri, "registrationEndpoint");
      return this;
    }

    public Builder endSessionEndpoint(URI uri) {
      this.endSessionEndpoint = absolute(uri, "endSessionEndpoint");
      return this;
    }

    public Builder idTokenSigningAlgs(List<String> algs) {
      this.idTokenSigningAlgs = List.copyOf(algs);
      return this;
    }

    public Builder codeChallengeMethods(List<String> methods) {
      this.codeChallengeMethods = List.copyOf(methods);
      return this;
    }

    public ProviderMetadata build() {
      return new ProviderMetadata(this);
    }

    private static URI absolute(URI uri, String name) {
      Objects.requireNonNull(uri, name);
      if (!uri.isAbsolute() || uri.getHost() == null) {
        throw new IllegalArgumentException(
            name + " must be an absolute URI with a host, was " + uri);
      }
      return uri;
    }
  }
}
