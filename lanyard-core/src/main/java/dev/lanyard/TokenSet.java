package dev.lanyard;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The tokens of one sign-in, immutable: access token, optional refresh and ID token, type, scope,
 * and absolute expiry times. {@link #toString()} never shows a token.
 *
 * <p>A token is expired when {@code now + skew >= expiresAt}: the skew makes tokens count as
 * expired a little <em>before</em> the provider says so, never after.
 */
public final class TokenSet {
  private final String accessToken;
  private final String tokenType;
  private final @Nullable String refreshToken;
  private final @Nullable String idToken;
  private final Scope scope;
  private final Instant issuedAt;
  private final @Nullable Instant expiresAt;
  private final @Nullable Instant refreshExpiresAt;
  private final String authorizationHeader;
  private final @Nullable DpopKey dpopKey;

  private TokenSet(Builder b) {
    this.accessToken = requireToken(b.accessToken, "accessToken");
    this.tokenType = b.tokenType;
    this.refreshToken = b.refreshToken;
    this.idToken = b.idToken;
    this.scope = b.scope;
    this.issuedAt = Objects.requireNonNull(b.issuedAt, "issuedAt");
    this.expiresAt = b.expiresAt;
    this.refreshExpiresAt = b.refreshExpiresAt;
    this.dpopKey = b.dpopKey;
    String type =
        "bearer".equalsIgnoreCase(tokenType)
            ? "Bearer"
            : "dpop".equalsIgnoreCase(tokenType) ? "DPoP" : tokenType;
    // Built once: HTTP integrations ask for it on every request.
    this.authorizationHeader = type + " " + accessToken;
  }

  /**
   * A token as RFC 6749 Appendix A allows, and narrower: visible ASCII only (%x21-7E), no spaces or
   * control characters. Whatever prints or sends a token (a header line, git's credential protocol,
   * an environment variable) is then safe by construction. The message never quotes the token.
   */
  private static String requireToken(@Nullable String token, String name) {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException(
            name
                + " holds a character a token may not hold (at index "
                + i
                + "; only visible ASCII is allowed)");
      }
    }
    return token;
  }

  /** A builder for a token set with the given access token, issued now. */
  public static Builder builder(String accessToken) {
    return new Builder(accessToken);
  }

  /** A builder pre-filled with this token set, to derive a changed copy. */
  public Builder newBuilder() {
    Builder b = new Builder(accessToken);
    b.tokenType = tokenType;
    b.refreshToken = refreshToken;
    b.idToken = idToken;
    b.scope = scope;
    b.issuedAt = issuedAt;
    b.expiresAt = expiresAt;
    b.refreshExpiresAt = refreshExpiresAt;
    b.dpopKey = dpopKey;
    return b;
  }

  /** The access token, sent to APIs. */
  public String accessToken() {
    return accessToken;
  }

  /** The token type as the provider wrote it, usually {@code Bearer}. */
  public String tokenType() {
    return tokenType;
  }

  /** The refresh token, if the provider issued one. */
  public Optional<String> refreshToken() {
    return Optional.ofNullable(refreshToken);
  }

  /** The OpenID Connect ID token, if the provider issued one. */
  public Optional<String> idToken() {
    return Optional.ofNullable(idToken);
  }

  /** The scope the tokens hold: the provider's answer, else what was asked for. */
  public Scope scope() {
    return scope;
  }

  /** When the token request was sent (expiry times count from here, never from the answer). */
  public Instant issuedAt() {
    return issuedAt;
  }

  /** When the access token expires; empty when it does not (a personal access token). */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  /** When the refresh token expires; empty when unknown or never. */
  public Optional<Instant> refreshExpiresAt() {
    return Optional.ofNullable(refreshExpiresAt);
  }

  /**
   * The key the tokens are bound to (RFC 9449): present when the token request carried a DPoP proof
   * made with it. A bound refresh token is useless without it.
   */
  public Optional<DpopKey> dpopKey() {
    return Optional.ofNullable(dpopKey);
  }

  /**
   * True when every request with the access token needs a DPoP proof: the provider issued it with
   * {@code token_type DPoP} and the key is held. The one place that decides how a token is sent.
   */
  public boolean isDpopBound() {
    return dpopKey != null && "DPoP".equalsIgnoreCase(tokenType);
  }

  /**
   * The value of an {@code Authorization} header: {@code "Bearer <token>"}, or {@code "DPoP
   * <token>"} for a DPoP-bound token (which also needs a proof per request).
   */
  public String authorizationHeader() {
    return authorizationHeader;
  }

  /** True while {@code now + skew < expiresAt}, judged by the system clock. */
  public boolean accessValid(Duration skew) {
    return accessValid(skew, Instant.now());
  }

  /** True while {@code now + skew < expiresAt}; always true for a token that does not expire. */
  public boolean accessValid(Duration skew, Instant now) {
    return expiresAt == null || now.plus(skew).isBefore(expiresAt);
  }

  /**
   * The skew a session judges this token with: {@code skew}, but at most half the token's lifetime,
   * so that a provider issuing tokens shorter than twice the skew does not hand out tokens that
   * count as expired on arrival.
   */
  public Duration effectiveSkew(Duration skew) {
    if (expiresAt == null) {
      return skew;
    }
    Duration lifetime = Duration.between(issuedAt, expiresAt);
    Duration half = lifetime.isNegative() ? Duration.ZERO : lifetime.dividedBy(2);
    return skew.compareTo(half) > 0 ? half : skew;
  }

  /**
   * True when there is a refresh token and {@code now + skew < refreshExpiresAt} (or no expiry).
   */
  public boolean refreshValid(Duration skew) {
    return refreshValid(skew, Instant.now());
  }

  /**
   * True when there is a refresh token and {@code now + skew < refreshExpiresAt} (or no expiry).
   */
  public boolean refreshValid(Duration skew, Instant now) {
    return refreshToken != null
        && (refreshExpiresAt == null || now.plus(skew).isBefore(refreshExpiresAt));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenSet t
        && accessToken.equals(t.accessToken)
        && tokenType.equals(t.tokenType)
        && Objects.equals(refreshToken, t.refreshToken)
        && Objects.equals(idToken, t.idToken)
        && scope.equals(t.scope)
        && issuedAt.equals(t.issuedAt)
        && Objects.equals(expiresAt, t.expiresAt)
        && Objects.equals(refreshExpiresAt, t.refreshExpiresAt)
        && Objects.equals(dpopKey, t.dpopKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(accessToken, refreshToken, expiresAt);
  }

  /** Shows the shape, never the tokens. */
  @Override
  public String toString() {
    return "TokenSet{type="
        + tokenType
        + ", access=[redacted]"
        + (refreshToken != null ? ", refresh=[redacted]" : "")
        + (idToken != null ? ", id=[redacted]" : "")
        + ", scope="
        + scope
        + ", expiresAt="
        + (expiresAt != null ? expiresAt : "never")
        + (refreshExpiresAt != null ? ", refreshExpiresAt=" + refreshExpiresAt : "")
        + (dpopKey != null ? ", dpop.jkt=" + dpopKey.thumbprint() : "")
        + '}';
  }

  /** Builds a {@link TokenSet}; only the access token is required. */
  public static final class Builder {
    private final String accessToken;
    private String tokenType = "Bearer";
    private @Nullable String refreshToken;
    private @Nullable String idToken;
    private Scope scope = Scope.EMPTY;
    private Instant issuedAt = Instant.now();
    private @Nullable Instant expiresAt;
    private @Nullable Instant refreshExpiresAt;
    private @Nullable DpopKey dpopKey;

    private Builder(String accessToken) {
      this.accessToken = accessToken;
    }

    /** The token type as the provider wrote it; default {@code Bearer}. */
    public Builder tokenType(String tokenType) {
      this.tokenType = requireToken(tokenType, "tokenType");
      return this;
    }

    /** The refresh token; not empty. */
    public Builder refreshToken(String refreshToken) {
      this.refreshToken = requireToken(refreshToken, "refreshToken");
      return this;
    }

    /** The ID token; not empty. */
    public Builder idToken(String idToken) {
      this.idToken = requireToken(idToken, "idToken");
      return this;
    }

    /** The scope the tokens hold; default empty. */
    public Builder scope(Scope scope) {
      this.scope = Objects.requireNonNull(scope, "scope");
      return this;
    }

    /** When the token request was sent; default now. */
    public Builder issuedAt(Instant issuedAt) {
      this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
      return this;
    }

    /** When the access token expires; unset, it never does. */
    public Builder expiresAt(Instant expiresAt) {
      this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
      return this;
    }

    /** When the refresh token expires; unset, unknown or never. */
    public Builder refreshExpiresAt(Instant refreshExpiresAt) {
      this.refreshExpiresAt = Objects.requireNonNull(refreshExpiresAt, "refreshExpiresAt");
      return this;
    }

    /** The DPoP key the tokens are bound to (RFC 9449). */
    public Builder dpopKey(DpopKey dpopKey) {
      this.dpopKey = Objects.requireNonNull(dpopKey, "dpopKey");
      return this;
    }

    /** Removes the refresh token (and its expiry). */
    public Builder noRefreshToken() {
      this.refreshToken = null;
      this.refreshExpiresAt = null;
      return this;
    }

    /** The token set; fails when the access token is missing or empty. */
    public TokenSet build() {
      return new TokenSet(this);
    }
  }
}
