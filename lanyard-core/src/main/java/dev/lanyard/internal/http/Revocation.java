package dev.lanyard.internal.http;

import dev.lanyard.ProviderErrorException;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Token revocation (RFC 7009): the refresh token first, so that a failure half-way leaves no live
 * refresh token behind a dead access token, then the access token. The client authenticates as at
 * the token endpoint. A provider that cannot revoke access tokens ({@code unsupported_token_type})
 * has still revoked the grant with the refresh token.
 */
public final class Revocation {
  static final String WHAT = "the revocation endpoint";

  private final Exchange exchange;
  private final URI endpoint;
  private final ClientAuthentication client;
  private final @Nullable URI issuer;

  public Revocation(Exchange exchange, URI endpoint, ClientAuthentication client) {
    this(exchange, endpoint, client, null);
  }

  /** Revokes at an endpoint of the provider {@code issuer} (null when unknown). */
  public Revocation(
      Exchange exchange, URI endpoint, ClientAuthentication client, @Nullable URI issuer) {
    this.issuer = issuer;
    this.exchange = Objects.requireNonNull(exchange, "exchange");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.client = Objects.requireNonNull(client, "client");
    Endpoints.requireSecure(exchange.transport(), endpoint, WHAT);
  }

  /** Revokes at {@code endpoint} through {@code transport}. */
  public static Revocation of(Transport transport, URI endpoint, ClientAuthentication client) {
    return new Revocation(Exchange.of(transport), endpoint, client);
  }

  /** Revokes the refresh token (when there is one), then the access token. */
  public void revoke(TokenSet tokens) throws IOException {
    if (tokens.refreshToken().isPresent()) {
      revoke(tokens.refreshToken().get(), "refresh_token");
    }
    try {
      revoke(tokens.accessToken(), "access_token");
    } catch (ProviderErrorException e) {
      if (!"unsupported_token_type".equals(e.error())) {
        throw e;
      }
    }
  }

  /** Revokes one token; {@code hint} is its {@code token_type_hint}. */
  public void revoke(String token, String hint) throws IOException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", token);
    form.put("token_type_hint", hint);
    // Revoking twice is harmless (RFC 7009 §2.2): replayable.
    HttpResponse<String> r =
        exchange.send(
            Requests.form(exchange.transport(), endpoint, client, issuer, form, Map.of()),
            true,
            WHAT,
            Bodies.Limit.REVOCATION);
    if (r.statusCode() != 200) {
      throw Answers.error(r, WHAT);
    }
  }
}
