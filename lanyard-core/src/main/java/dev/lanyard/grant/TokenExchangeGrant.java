package dev.lanyard.grant;

import dev.lanyard.Scope;
import dev.lanyard.internal.secret.FixedSecret;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A token exchange request (RFC 8693 §2.1): the subject token and its type, optionally an actor
 * token, the audience, resource, requested token type and scope. Derive changed copies with the
 * {@code with...} methods; each of audience, resource and actor may be set once.
 */
public final class TokenExchangeGrant implements Grant {
  private final Supplier<String> subject;
  private final TokenType subjectType;
  private final @Nullable Actor actor;
  private final @Nullable String audience;
  private final @Nullable URI resource;
  private final @Nullable TokenType requestedType;
  private final Scope scope;

  /** The actor token source and its type, set together. */
  private record Actor(Supplier<String> tokens, TokenType type) {}

  private TokenExchangeGrant(
      Supplier<String> subject,
      TokenType subjectType,
      @Nullable Actor actor,
      @Nullable String audience,
      @Nullable URI resource,
      @Nullable TokenType requestedType,
      Scope scope) {
    this.subject = subject;
    this.subjectType = Objects.requireNonNull(subjectType, "subjectTokenType");
    this.actor = actor;
    this.audience = audience;
    this.resource = resource;
    this.requestedType = requestedType;
    this.scope = Objects.requireNonNull(scope, "scope");
  }

  static TokenExchangeGrant of(Supplier<String> subject) {
    return new TokenExchangeGrant(
        subject, TokenType.ACCESS_TOKEN, null, null, null, null, Scope.EMPTY);
  }

  /** This exchange with a subject token of another type, e.g. {@link TokenType#ID_TOKEN}. */
  public TokenExchangeGrant withSubjectTokenType(TokenType type) {
    return new TokenExchangeGrant(subject, type, actor, audience, resource, requestedType, scope);
  }

  /** This exchange on behalf of an actor (delegation, RFC 8693 §1.1), e.g. a service token. */
  public TokenExchangeGrant withActorToken(String actorToken, TokenType type) {
    return withActor(FixedSecret.of(actorToken, "actorToken"), type);
  }

  /** This exchange with a source of fresh actor tokens, asked on every exchange. */
  public TokenExchangeGrant withActorToken(Supplier<String> actorTokens, TokenType type) {
    return withActor(Objects.requireNonNull(actorTokens, "actorTokens"), type);
  }

  private TokenExchangeGrant withActor(Supplier<String> tokens, TokenType type) {
    Objects.requireNonNull(type, "type");
    if (actor != null) {
      throw new IllegalStateException("actorToken was already set");
    }
    return new TokenExchangeGrant(
        subject, subjectType, new Actor(tokens, type), audience, resource, requestedType, scope);
  }

  /**
   * The logical name of the service the token is meant for, e.g. a client id at Keycloak. One
   * audience per request: the form this grant sends holds each parameter once.
   */
  public TokenExchangeGrant withAudience(String audience) {
    if (Objects.requireNonNull(audience, "audience").isBlank()) {
      throw new IllegalArgumentException("audience must not be blank");
    }
    if (this.audience != null) {
      throw new IllegalStateException("audience was already set to " + this.audience);
    }
    return new TokenExchangeGrant(
        subject, subjectType, actor, audience, resource, requestedType, scope);
  }

  /** The URI of the resource the token is meant for (absolute, no fragment; RFC 8707). */
  public TokenExchangeGrant withResource(URI resource) {
    Objects.requireNonNull(resource, "resource");
    if (!resource.isAbsolute() || resource.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "resource must be an absolute URI without a fragment, was " + resource);
    }
    if (this.resource != null) {
      throw new IllegalStateException("resource was already set to " + this.resource);
    }
    return new TokenExchangeGrant(
        subject, subjectType, actor, audience, resource, requestedType, scope);
  }

  /** The type of token wanted, e.g. {@link TokenType#REFRESH_TOKEN}; default: the provider's. */
  public TokenExchangeGrant withRequestedTokenType(TokenType type) {
    Objects.requireNonNull(type, "type");
    return new TokenExchangeGrant(subject, subjectType, actor, audience, resource, type, scope);
  }

  /** This exchange asking for the given scope. */
  public TokenExchangeGrant withScope(Scope scope) {
    return new TokenExchangeGrant(
        subject, subjectType, actor, audience, resource, requestedType, scope);
  }

  /** The subject token, asked only when a token request is sent. */
  public Supplier<String> subjectToken() {
    return subject;
  }

  /** The type of the subject token; an access token unless said otherwise. */
  public TokenType subjectTokenType() {
    return subjectType;
  }

  /** The actor token, asked only when a token request is sent; empty without an actor. */
  public Optional<Supplier<String>> actorToken() {
    return actor == null ? Optional.empty() : Optional.of(actor.tokens());
  }

  /** The type of the actor token; empty without an actor. */
  public Optional<TokenType> actorTokenType() {
    return actor == null ? Optional.empty() : Optional.of(actor.type());
  }

  /** The service the token is meant for, if said. */
  public Optional<String> audience() {
    return Optional.ofNullable(audience);
  }

  /** The resource the token is meant for, if said. */
  public Optional<URI> resource() {
    return Optional.ofNullable(resource);
  }

  /** The type of token wanted, if said. */
  public Optional<TokenType> requestedTokenType() {
    return Optional.ofNullable(requestedType);
  }

  /** The scope asked for; empty leaves it to the provider. */
  public Scope scope() {
    return scope;
  }

  /** True when the subject (and actor) tokens come from suppliers, so they can be asked again. */
  @Override
  public boolean canReauthenticate() {
    return !FixedSecret.isFixed(subject) && (actor == null || !FixedSecret.isFixed(actor.tokens()));
  }

  @Override
  public String toString() {
    return "TokenExchange{subjectToken=[redacted], subjectTokenType="
        + subjectType
        + (actor != null ? ", actorToken=[redacted], actorTokenType=" + actor.type() : "")
        + (audience != null ? ", audience=" + audience : "")
        + (resource != null ? ", resource=" + resource : "")
        + (requestedType != null ? ", requestedTokenType=" + requestedType : "")
        + ", scope="
        + scope
        + '}';
  }
}
