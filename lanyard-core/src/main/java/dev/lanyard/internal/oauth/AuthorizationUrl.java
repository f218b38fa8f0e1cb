package dev.lanyard.internal.oauth;

import dev.lanyard.Scope;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The authorization request (RFC 6749 §4.1.1, OIDC Core §3.1.2.1, RFC 7636 §4.3): every security
 * parameter is set here and nowhere else, and extra parameters cannot replace one of them.
 */
public final class AuthorizationUrl {
  /** Always asked for: without it there is no ID token and nobody to verify. */
  public static final Scope OPENID = Scope.of("openid");

  private static final Set<String> RESERVED =
      Set.of(
          "response_type",
          "response_mode",
          "client_id",
          "client_secret",
          "client_assertion",
          "client_assertion_type",
          "redirect_uri",
          "scope",
          "state",
          "nonce",
          "code_challenge",
          "code_challenge_method",
          "code_verifier",
          "login_hint",
          "request",
          "request_uri");

  private AuthorizationUrl() {}

  /** The URL a person's browser opens; {@code loginHint} may be null. */
  public static URI build(
      URI authorizationEndpoint,
      String clientId,
      URI redirectUri,
      Scope scope,
      String state,
      String nonce,
      String codeChallenge,
      @Nullable String loginHint,
      Map<String, String> extra) {
    return withQuery(
        authorizationEndpoint,
        parameters(clientId, redirectUri, scope, state, nonce, codeChallenge, loginHint, extra));
  }

  /**
   * The authorization request's parameters, in order: what {@link #build} puts into the URL, or
   * what a pushed authorization request (RFC 9126) sends in its body.
   */
  public static Map<String, String> parameters(
      String clientId,
      URI redirectUri,
      Scope scope,
      String state,
      String nonce,
      String codeChallenge,
      @Nullable String loginHint,
      Map<String, String> extra) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("response_type", "code");
    q.put("client_id", clientId);
    q.put("redirect_uri", redirectUri.toString());
    q.put("scope", OPENID.union(scope).toString());
    q.put("state", state);
    q.put("nonce", nonce);
    q.put("code_challenge", codeChallenge);
    q.put("code_challenge_method", Pkce.METHOD);
    if (loginHint != null) {
      q.put("login_hint", loginHint);
    }
    for (Map.Entry<String, String> e : extra.entrySet()) {
      checkParameter(e.getKey(), e.getValue());
      q.put(e.getKey(), e.getValue());
    }
    return q;
  }

  /** {@code authorizationEndpoint} with {@code q} appended to its query, without its fragment. */
  public static URI withQuery(URI authorizationEndpoint, Map<String, String> q) {
    String base = authorizationEndpoint.toString();
    int hash = base.indexOf('#');
    if (hash >= 0) {
      base = base.substring(0, hash);
    }
    // An endpoint may carry its own query (Azure B2C's ?p=policy): append to it.
    String sep = authorizationEndpoint.getRawQuery() == null ? "?" : "&";
    return URI.create(base + sep + encode(q));
  }

  /** Fails unless {@code name} may be added to an authorization request. */
  public static void checkParameter(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (name.isBlank()) {
      throw new IllegalArgumentException("an authorization parameter name must not be blank");
    }
    if (RESERVED.contains(name)) {
      String hint =
          name.equals("scope")
              ? "; use scope(...)"
              : name.equals("login_hint") ? "; use loginHint(...)" : "";
      throw new IllegalArgumentException(
          "authorization parameter '"
              + name
              + "' is set by Lanyard and cannot be overridden"
              + hint);
    }
  }

  /** Zitadel's scope that puts a project's id into the token audience. */
  public static Scope zitadelProjectAudience(String projectId) {
    Objects.requireNonNull(projectId, "projectId");
    if (!projectId.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("invalid Zitadel project id: '" + projectId + "'");
    }
    return Scope.of("urn:zitadel:iam:org:project:id:" + projectId + ":aud");
  }

  /** A query string: names and values percent-encoded, joined with {@code &}. */
  public static String encode(Map<String, String> q) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : q.entrySet()) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(component(e.getKey())).append('=').append(component(e.getValue()));
    }
    return sb.toString();
  }

  /** Percent-encoding for a query component: spaces as %20, never '+'. */
  private static String component(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
