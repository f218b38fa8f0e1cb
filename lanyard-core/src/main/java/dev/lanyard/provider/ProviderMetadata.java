package dev.lanyard.provider;

import dev.lanyard.MalformedResponseException;
import dev.lanyard.internal.http.Json;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a provider offers: its endpoints and capabilities, from OIDC discovery or RFC 8414, or given
 * explicitly. Only the token endpoint is required; it alone serves non-interactive grants.
 */
public final class ProviderMetadata {
  private final @Nullable URI issuer;
  private final URI tokenEndpoint;
  private final @Nullable URI authorizationEndpoint;
  private final @Nullable URI deviceAuthorizationEndpoint;
  private final @Nullable URI userinfoEndpoint;
  private final @Nullable URI jwksUri;
  private final @Nullable URI revocationEndpoint;
  private final @Nullable URI registrationEndpoint;
  private final @Nullable URI endSessionEndpoint;
  private final @Nullable URI introspectionEndpoint;
  private final List<String> idTokenSigningAlgs;
  private final List<String> codeChallengeMethods;
  private final List<String> grantTypes;
  private final List<String> tokenEndpointAuthMethods;
  private final boolean issParameterSupported;
  private final List<String> tokenEndpointAuthSigningAlgs;
  private final @Nullable URI pushedAuthorizationRequestEndpoint;
  private final boolean requirePushedAuthorizationRequests;
  private final List<String> dpopSigningAlgs;
  private final Map<String, URI> mtlsEndpointAliases;

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
    this.tokenEndpointAuthSigningAlgs = b.tokenEndpointAuthSigningAlgs;
    this.pushedAuthorizationRequestEndpoint = b.pushedAuthorizationRequestEndpoint;
    this.requirePushedAuthorizationRequests = b.requirePushedAuthorizationRequests;
    this.dpopSigningAlgs = b.dpopSigningAlgs;
    this.mtlsEndpointAliases = b.mtlsEndpointAliases;
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
      b.tokenEndpointAuthSigningAlgs =
          Json.strings(o, "token_endpoint_auth_signing_alg_values_supported");
      b.pushedAuthorizationRequestEndpoint =
          uri(o, "pushed_authorization_request_endpoint").orElse(null);
      b.requirePushedAuthorizationRequests =
          Json.bool(o, "require_pushed_authorization_requests").orElse(false);
      b.dpopSigningAlgs = Json.strings(o, "dpop_signing_alg_values_supported");
      if (o.get("mtls_endpoint_aliases") instanceof Map<?, ?> aliases) {
        Map<String, Object> named = new LinkedHashMap<>();
        aliases.forEach((k, v) -> named.put(String.valueOf(k), v));
        Map<String, URI> uris = new LinkedHashMap<>();
        for (String name : named.keySet()) {
          uri(named, name).ifPresent(u -> uris.put(name, u));
        }
        b.mtlsEndpointAliases = Collections.unmodifiableMap(uris);
      }
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

  /** The issuer identifier, when known (always after discovery). */
  public Optional<URI> issuer() {
    return Optional.ofNullable(issuer);
  }

  /** Where tokens are requested (RFC 6749 §3.2). */
  public URI tokenEndpoint() {
    return tokenEndpoint;
  }

  /** Where a person signs in and consents (RFC 6749 §3.1). */
  public Optional<URI> authorizationEndpoint() {
    return Optional.ofNullable(authorizationEndpoint);
  }

  /** Where device logins start (RFC 8628). */
  public Optional<URI> deviceAuthorizationEndpoint() {
    return Optional.ofNullable(deviceAuthorizationEndpoint);
  }

  /** The OIDC UserInfo endpoint. */
  public Optional<URI> userinfoEndpoint() {
    return Optional.ofNullable(userinfoEndpoint);
  }

  /** The provider's signing keys (JWKS), for verifying ID tokens and JWTs. */
  public Optional<URI> jwksUri() {
    return Optional.ofNullable(jwksUri);
  }

  /** Where tokens are revoked (RFC 7009). */
  public Optional<URI> revocationEndpoint() {
    return Optional.ofNullable(revocationEndpoint);
  }

  /** Where clients register themselves (RFC 7591). */
  public Optional<URI> registrationEndpoint() {
    return Optional.ofNullable(registrationEndpoint);
  }

  /** Where a browser session is ended (OIDC RP-initiated logout). */
  public Optional<URI> endSessionEndpoint() {
    return Optional.ofNullable(endSessionEndpoint);
  }

  /** Where tokens are introspected (RFC 7662). */
  public Optional<URI> introspectionEndpoint() {
    return Optional.ofNullable(introspectionEndpoint);
  }

  /** The ID token signing algorithms the provider announces; empty when it announces none. */
  public List<String> idTokenSigningAlgs() {
    return idTokenSigningAlgs;
  }

  /** The PKCE methods the provider announces, e.g. {@code S256}. */
  public List<String> codeChallengeMethods() {
    return codeChallengeMethods;
  }

  /** The grant types the provider announces. */
  public List<String> grantTypes() {
    return grantTypes;
  }

  /** The client authentication methods the token endpoint announces. */
  public List<String> tokenEndpointAuthMethods() {
    return tokenEndpointAuthMethods;
  }

  /** RFC 9207: the provider adds {@code iss} to authorization responses. */
  public boolean issParameterSupported() {
    return issParameterSupported;
  }

  /** The JWS algorithms the token endpoint accepts for client assertions; empty when unknown. */
  public List<String> tokenEndpointAuthSigningAlgs() {
    return tokenEndpointAuthSigningAlgs;
  }

  /** The pushed authorization request endpoint (RFC 9126), when the provider has one. */
  public Optional<URI> pushedAuthorizationRequestEndpoint() {
    return Optional.ofNullable(pushedAuthorizationRequestEndpoint);
  }

  /** RFC 9126 §5: authorization requests must be pushed first. */
  public boolean requirePushedAuthorizationRequests() {
    return requirePushedAuthorizationRequests;
  }

  /** The JWS algorithms the provider accepts in DPoP proofs (RFC 9449 §5.1); empty when unknown. */
  public List<String> dpopSigningAlgs() {
    return dpopSigningAlgs;
  }

  /**
   * The endpoints a client that authenticates with mutual TLS uses instead (RFC 8705 §5), by
   * metadata name, e.g. {@code token_endpoint}; empty when the provider names none.
   */
  public Map<String, URI> mtlsEndpointAliases() {
    return mtlsEndpointAliases;
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
    b.tokenEndpointAuthSigningAlgs = tokenEndpointAuthSigningAlgs;
    b.pushedAuthorizationRequestEndpoint = pushedAuthorizationRequestEndpoint;
    b.requirePushedAuthorizationRequests = requirePushedAuthorizationRequests;
    b.dpopSigningAlgs = dpopSigningAlgs;
    b.mtlsEndpointAliases = mtlsEndpointAliases;
    return b;
  }

  @Override
  public String toString() {
    return "ProviderMetadata{issuer=" + issuer + ", tokenEndpoint=" + tokenEndpoint + '}';
  }

  /** Builds {@link ProviderMetadata}. */
  public static final class Builder {
    private @Nullable URI issuer;
    private URI tokenEndpoint;
    private @Nullable URI authorizationEndpoint;
    private @Nullable URI deviceAuthorizationEndpoint;
    private @Nullable URI userinfoEndpoint;
    private @Nullable URI jwksUri;
    private @Nullable URI revocationEndpoint;
    private @Nullable URI registrationEndpoint;
    private @Nullable URI endSessionEndpoint;
    private @Nullable URI introspectionEndpoint;
    private List<String> idTokenSigningAlgs = List.of();
    private List<String> codeChallengeMethods = List.of();
    private List<String> grantTypes = List.of();
    private List<String> tokenEndpointAuthMethods = List.of();
    private boolean issParameterSupported;
    private List<String> tokenEndpointAuthSigningAlgs = List.of();
    private @Nullable URI pushedAuthorizationRequestEndpoint;
    private boolean requirePushedAuthorizationRequests;
    private List<String> dpopSigningAlgs = List.of();
    private Map<String, URI> mtlsEndpointAliases = Map.of();

    private Builder(URI tokenEndpoint) {
      this.tokenEndpoint = absolute(tokenEndpoint, "tokenEndpoint");
    }

    /** Sets the issuer identifier. */
    public Builder issuer(URI issuer) {
      this.issuer = absolute(issuer, "issuer");
      return this;
    }

    /** Replaces the token endpoint. */
    public Builder tokenEndpoint(URI uri) {
      this.tokenEndpoint = absolute(uri, "tokenEndpoint");
      return this;
    }

    /** Sets the authorization endpoint. */
    public Builder authorizationEndpoint(URI uri) {
      this.authorizationEndpoint = absolute(uri, "authorizationEndpoint");
      return this;
    }

    /** Sets the device authorization endpoint. */
    public Builder deviceAuthorizationEndpoint(URI uri) {
      this.deviceAuthorizationEndpoint = absolute(uri, "deviceAuthorizationEndpoint");
      return this;
    }

    /** Sets the UserInfo endpoint. */
    public Builder userinfoEndpoint(URI uri) {
      this.userinfoEndpoint = absolute(uri, "userinfoEndpoint");
      return this;
    }

    /** Sets the JWKS URI. */
    public Builder jwksUri(URI uri) {
      this.jwksUri = absolute(uri, "jwksUri");
      return this;
    }

    /** Sets the revocation endpoint. */
    public Builder revocationEndpoint(URI uri) {
      this.revocationEndpoint = absolute(uri, "revocationEndpoint");
      return this;
    }

    /** Sets the registration endpoint. */
    public Builder registrationEndpoint(URI uri) {
      this.registrationEndpoint = absolute(uri, "registrationEndpoint");
      return this;
    }

    /** Sets the end-session endpoint. */
    public Builder endSessionEndpoint(URI uri) {
      this.endSessionEndpoint = absolute(uri, "endSessionEndpoint");
      return this;
    }

    /** Sets the announced ID token signing algorithms. */
    public Builder idTokenSigningAlgs(List<String> algs) {
      this.idTokenSigningAlgs = List.copyOf(algs);
      return this;
    }

    /** Sets the announced PKCE methods. */
    public Builder codeChallengeMethods(List<String> methods) {
      this.codeChallengeMethods = List.copyOf(methods);
      return this;
    }

    /** Sets the announced token endpoint authentication methods. */
    public Builder tokenEndpointAuthMethods(List<String> methods) {
      this.tokenEndpointAuthMethods = List.copyOf(methods);
      return this;
    }

    /** Sets the pushed authorization request endpoint (RFC 9126). */
    public Builder pushedAuthorizationRequestEndpoint(URI uri) {
      this.pushedAuthorizationRequestEndpoint = absolute(uri, "pushedAuthorizationRequestEndpoint");
      return this;
    }

    /** Says whether authorization requests must be pushed first (RFC 9126 §5). */
    public Builder requirePushedAuthorizationRequests(boolean required) {
      this.requirePushedAuthorizationRequests = required;
      return this;
    }

    /** Sets the mutual-TLS endpoint aliases (RFC 8705 §5), by metadata name; empty for none. */
    public Builder mtlsEndpointAliases(Map<String, URI> aliases) {
      this.mtlsEndpointAliases = Map.copyOf(aliases);
      return this;
    }

    /** The metadata. */
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
