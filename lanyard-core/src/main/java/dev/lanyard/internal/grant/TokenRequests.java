package dev.lanyard.internal.grant;

import dev.lanyard.Scope;
import dev.lanyard.grant.ClientCredentialsGrant;
import dev.lanyard.grant.ExtensionGrant;
import dev.lanyard.grant.Grant;
import dev.lanyard.grant.PasswordGrant;
import dev.lanyard.grant.RefreshTokenGrant;
import dev.lanyard.grant.TokenExchangeGrant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The wire form of every grant: turns a grant into the {@link TokenRequest} to send, drawing its
 * secrets from their suppliers. The only place that asks a grant's suppliers; call it once per
 * request, right before sending, so a supplier of one-time codes or subject tokens gives a fresh
 * one each time.
 */
public final class TokenRequests {
  private TokenRequests() {}

  /**
   * The request for a grant that is sent to a token endpoint.
   *
   * @throws IllegalArgumentException for a static token, which is never sent
   * @throws IllegalStateException when a supplier gives no secret
   */
  public static TokenRequest of(Grant grant) {
    Objects.requireNonNull(grant, "grant");
    if (grant instanceof ClientCredentialsGrant g) {
      return new TokenRequest(GrantType.CLIENT_CREDENTIALS, scoped(g.scope()), g.scope(), true);
    }
    if (grant instanceof PasswordGrant g) {
      return password(g);
    }
    if (grant instanceof RefreshTokenGrant g) {
      return refresh(g.refreshToken().get(), g.scope());
    }
    if (grant instanceof TokenExchangeGrant g) {
      return tokenExchange(g);
    }
    if (grant instanceof ExtensionGrant g) {
      return extension(g);
    }
    throw new IllegalArgumentException(grant + " is not sent to a token endpoint");
  }

  /**
   * A refresh (RFC 6749 §6). Not replayable: with rotation, a second copy would present a refresh
   * token the first one rotated out.
   */
  public static TokenRequest refresh(String refreshToken, Scope scope) {
    if (Objects.requireNonNull(refreshToken, "refreshToken").isEmpty()) {
      throw new IllegalArgumentException("refreshToken must not be empty");
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("refresh_token", refreshToken);
    putScope(form, scope);
    return new TokenRequest(GrantType.REFRESH_TOKEN, form, scope, false);
  }

  /**
   * Redeems an authorization code, once: a replay after the provider used it is refused. {@code
   * asked} is the scope of the authorization request, which the tokens hold when the answer names
   * none.
   */
  public static TokenRequest of(AuthorizationCodeGrant grant, Scope asked) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("code", grant.code());
    form.put("redirect_uri", grant.redirectUri().toString());
    form.put("code_verifier", grant.codeVerifier());
    return new TokenRequest(GrantType.AUTHORIZATION_CODE, form, asked, false);
  }

  /**
   * One poll for a device code. Not replayable: a poll that issued tokens uses the code up; the
   * poller decides what to repeat. {@code asked} is the scope of the device authorization.
   */
  public static TokenRequest of(DeviceCodeGrant grant, Scope asked) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("device_code", grant.deviceCode());
    grant.codeVerifier().ifPresent(v -> form.put("code_verifier", v));
    return new TokenRequest(GrantType.DEVICE_CODE, form, asked, false);
  }

  private static TokenRequest password(PasswordGrant g) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("username", g.username());
    form.put("password", g.password().get());
    putScope(form, g.scope());
    g.oneTimeCode().ifPresent(codes -> form.put("totp", draw(codes, "one-time code", "code")));
    return new TokenRequest(GrantType.PASSWORD, form, g.scope(), true);
  }

  /** A token exchange (RFC 8693 §2.1), parameters in the RFC's order. */
  private static TokenRequest tokenExchange(TokenExchangeGrant g) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("subject_token", draw(g.subjectToken(), "subject token", "token"));
    form.put("subject_token_type", g.subjectTokenType().uri());
    Optional<Supplier<String>> actor = g.actorToken();
    if (actor.isPresent()) {
      form.put("actor_token", draw(actor.get(), "actor token", "token"));
      form.put("actor_token_type", g.actorTokenType().orElseThrow().uri());
    }
    g.resource().ifPresent(r -> form.put("resource", r.toString()));
    g.audience().ifPresent(a -> form.put("audience", a));
    g.requestedTokenType().ifPresent(t -> form.put("requested_token_type", t.uri()));
    putScope(form, g.scope());
    return new TokenRequest(GrantType.TOKEN_EXCHANGE, form, g.scope(), true);
  }

  /**
   * An extension grant (RFC 6749 §4.5): its parameters in the order given, each secret drawn now.
   * Not replayable: an assertion may be good once.
   */
  private static TokenRequest extension(ExtensionGrant g) {
    Map<String, String> form = new LinkedHashMap<>();
    g.parameters()
        .forEach(
            (name, value) ->
                form.put(name, g.isSecret(name) ? draw(value, name, "value") : value.get()));
    putScope(form, g.scope());
    return new TokenRequest(new GrantType(g.grantType()), form, g.scope(), false);
  }

  /** A secret from its supplier; a supplier that gives none is a mistake of the caller's. */
  private static String draw(Supplier<String> secrets, String what, String unit) {
    String secret = secrets.get();
    if (secret == null || secret.isEmpty()) {
      throw new IllegalStateException("the " + what + " supplier gave no " + unit);
    }
    return secret;
  }

  private static Map<String, String> scoped(Scope scope) {
    Map<String, String> form = new LinkedHashMap<>();
    putScope(form, scope);
    return form;
  }

  private static void putScope(Map<String, String> form, Scope scope) {
    if (!scope.isEmpty()) {
      form.put("scope", scope.toString());
    }
  }
}
