package dev.lanyard.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.Scope;
import dev.lanyard.internal.grant.TokenRequests;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The RFC 8693 token exchange request: its form, its copies, and what it never shows. */
class TokenExchangeGrantTest {
  private static final String SUBJECT = "subj-Qw7UNIQUE";
  private static final String ACTOR = "actor-Zx9UNIQUE";

  /** The form a session sends for {@code g}, drawn now. */
  private static Map<String, String> form(TokenExchangeGrant g) {
    return TokenRequests.of(g).form();
  }

  @Test
  void tokenExchange_subjectOnly_accessTokenTypeAndNothingElse() {
    TokenExchangeGrant g = Grant.tokenExchange(SUBJECT);
    assertThat(form(g))
        .containsExactly(
            Map.entry("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"),
            Map.entry("subject_token", SUBJECT),
            Map.entry("subject_token_type", "urn:ietf:params:oauth:token-type:access_token"));
    assertThat(g.canReauthenticate()).isFalse();
    assertThat(TokenRequests.of(g).replayable()).isTrue();
    assertThat(g.scope()).isEqualTo(Scope.EMPTY);
  }

  @Test
  void tokenExchange_everything_allParametersInRfcOrder() {
    TokenExchangeGrant g =
        Grant.tokenExchange(SUBJECT)
            .withSubjectTokenType(TokenType.JWT)
            .withActorToken(ACTOR, TokenType.ACCESS_TOKEN)
            .withResource(URI.create("https://api.example.org/datasets"))
            .withAudience("lab-api")
            .withRequestedTokenType(TokenType.REFRESH_TOKEN)
            .withScope(Scope.of("openid read"));
    assertThat(form(g))
        .containsExactly(
            Map.entry("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"),
            Map.entry("subject_token", SUBJECT),
            Map.entry("subject_token_type", "urn:ietf:params:oauth:token-type:jwt"),
            Map.entry("actor_token", ACTOR),
            Map.entry("actor_token_type", "urn:ietf:params:oauth:token-type:access_token"),
            Map.entry("resource", "https://api.example.org/datasets"),
            Map.entry("audience", "lab-api"),
            Map.entry("requested_token_type", "urn:ietf:params:oauth:token-type:refresh_token"),
            Map.entry("scope", "openid read"));
    assertThat(g.audience()).contains("lab-api");
    assertThat(g.resource()).contains(URI.create("https://api.example.org/datasets"));
    assertThat(g.requestedTokenType()).contains(TokenType.REFRESH_TOKEN);
    assertThat(g.actorTokenType()).contains(TokenType.ACCESS_TOKEN);
    assertThat(g.subjectTokenType()).isEqualTo(TokenType.JWT);
  }

  @Test
  void tokenExchange_supplier_freshSubjectPerRequestAndCanReauthenticate() {
    AtomicInteger n = new AtomicInteger();
    TokenExchangeGrant g = Grant.tokenExchange(() -> "subject-" + n.incrementAndGet());
    assertThat(form(g)).containsEntry("subject_token", "subject-1");
    assertThat(form(g)).containsEntry("subject_token", "subject-2");
    assertThat(g.canReauthenticate()).isTrue();
    assertThat(g.withActorToken(ACTOR, TokenType.ACCESS_TOKEN).canReauthenticate()).isFalse();
    assertThat(g.withActorToken(() -> ACTOR, TokenType.ACCESS_TOKEN).canReauthenticate()).isTrue();
  }

  @Test
  void tokenExchange_supplierGivesNothing_exactError() {
    TokenExchangeGrant g = Grant.tokenExchange(() -> "");
    assertThatThrownBy(() -> form(g))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the subject token supplier gave no token");
  }

  @Test
  void tokenExchange_toString_redactsTokens() {
    String shown =
        Grant.tokenExchange(SUBJECT)
            .withActorToken(ACTOR, TokenType.ACCESS_TOKEN)
            .withAudience("lab-api")
            .toString();
    assertThat(shown)
        .doesNotContain(SUBJECT)
        .doesNotContain(ACTOR)
        .contains("subjectToken=[redacted]", "actorToken=[redacted]", "audience=lab-api");
  }

  @Test
  void tokenExchange_misuse_failsFast() {
    assertThatThrownBy(() -> Grant.tokenExchange(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("subjectToken must not be empty");
    TokenExchangeGrant g = Grant.tokenExchange(SUBJECT).withAudience("a");
    assertThatThrownBy(() -> g.withAudience("b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("audience was already set to a");
    assertThatThrownBy(() -> g.withResource(URI.create("relative/path")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absolute URI");
    TokenExchangeGrant acting = g.withActorToken(ACTOR, TokenType.ACCESS_TOKEN);
    assertThatThrownBy(() -> acting.withActorToken(ACTOR, TokenType.ACCESS_TOKEN))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("actorToken was already set");
    assertThatThrownBy(() -> TokenType.of("access token"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(TokenType.of("urn:example:custom").uri()).isEqualTo("urn:example:custom");
  }
}
