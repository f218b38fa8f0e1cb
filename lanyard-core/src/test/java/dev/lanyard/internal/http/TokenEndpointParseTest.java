package dev.lanyard.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lanyard.MalformedResponseException;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The token response parser on odd but possible answers (RFC 6749 §5.1, §5.2). */
class TokenEndpointParseTest {
  private static final Instant SENT = Instant.parse("2025-01-01T10:00:00Z");
  private static final Duration DEFAULT = Duration.ofMinutes(5);
  private static final Scope REQUESTED = Scope.of("openid email");
  private static final String WHAT = "the token endpoint";

  private static TokenSet success(String body) throws MalformedResponseException {
    TokenResponse r =
        TokenEndpoint.parse(CannedResponse.json(200, body), SENT, REQUESTED, DEFAULT, WHAT);
    assertThat(r).isInstanceOf(TokenResponse.Success.class);
    return ((TokenResponse.Success) r).tokens();
  }

  /** An unsigned JWT: read for its exp only, never trusted. */
  private static String jwt(String claimsJson) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8))
        + ".";
  }

  @Test
  void parse_expiresInAsString_countsFromSentAt() throws Exception {
    TokenSet t =
        success("{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":\"300\"}");
    assertThat(t.issuedAt()).isEqualTo(SENT);
    assertThat(t.expiresAt()).contains(SENT.plusSeconds(300));
  }

  @Test
  void parse_noExpiresInJwtAccessToken_usesJwtExp() throws Exception {
    Instant exp = SENT.plusSeconds(1234);
    String access = jwt("{\"sub\":\"x\",\"exp\":" + exp.getEpochSecond() + "}");
    TokenSet t = success("{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\"}");
    assertThat(t.expiresAt()).contains(exp);
  }

  @Test
  void parse_noExpiresInOpaqueAccessToken_defaultLifetime() throws Exception {
    TokenSet t = success("{\"access_token\":\"opaque.token\",\"token_type\":\"Bearer\"}");
    assertThat(t.expiresAt()).contains(SENT.plus(DEFAULT));
  }

  @Test
  void parse_noExpiresInJwtWithoutExp_defaultLifetime() throws Exception {
    TokenSet t = success("{\"access_token\":\"" + jwt("{\"sub\":\"x\"}") + "\"}");
    assertThat(t.expiresAt()).contains(SENT.plus(DEFAULT));
  }

  @Test
  void parse_refreshExpiresInZero_noRefreshExpiry() throws Exception {
    TokenSet t =
        success(
            "{\"access_token\":\"a\",\"expires_in\":300,\"refresh_token\":\"r\",\"refresh_expires_in\":0}");
    assertThat(t.refreshToken()).contains("r");
    assertThat(t.refreshExpiresAt()).isEmpty();
  }

  @Test
  void parse_refreshExpiresInPositive_countsFromSentAt() throws Exception {
    TokenSet t =
        success(
            "{\"access_token\":\"a\",\"expires_in\":300,\"refresh_token\":\"r\",\"refresh_expires_in\":1800}");
    assertThat(t.refreshExpiresAt()).contains(SENT.plusSeconds(1800));
  }

  @Test
  void parse_noScope_keepsRequestedScope() throws Exception {
    assertThat(success("{\"access_token\":\"a\",\"expires_in\":60}").scope()).isEqualTo(REQUESTED);
  }

  @Test
  void parse_scopeGiven_providersScopeWins() throws Exception {
    assertThat(success("{\"access_token\":\"a\",\"expires_in\":60,\"scope\":\"openid\"}").scope())
        .isEqualTo(Scope.of("openid"));
  }

  @Test
  void parse_noTokenType_bearer() throws Exception {
    TokenSet t = success("{\"access_token\":\"a\",\"expires_in\":60}");
    assertThat(t.authorizationHeader()).isEqualTo("Bearer a");
  }

  @Test
  void parse_negativeExpiresIn_malformed() {
    assertThatThrownBy(() -> success("{\"access_token\":\"a\",\"expires_in\":-5}"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("expires_in is negative");
  }

  /** A broken provider must not turn into an unchecked exception deep inside a session. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"access_token\":\"a\",\"expires_in\":100000000000000000}",
        "{\"access_token\":\"a\",\"expires_in\":\"Infinity\"}",
        "{\"access_token\":\"a\",\"expires_in\":60,\"refresh_token\":\"r\","
            + "\"refresh_expires_in\":100000000000000000}"
      })
  void parse_absurdLifetime_malformedOrClampedNeverUnchecked(String body) {
    Throwable thrown = catchThrowable(() -> success(body));
    assertThat(thrown)
        .satisfiesAnyOf(
            t -> assertThat(t).isNull(),
            t -> assertThat(t).isInstanceOf(MalformedResponseException.class));
  }

  @Test
  void parse_accessTokenNotAString_malformed() {
    assertThatThrownBy(() -> success("{\"access_token\":42,\"expires_in\":60}"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("access_token is not a string");
  }

  @Test
  void parse_oauthError_failureWithErrorDescriptionUriAndStatus() throws Exception {
    TokenResponse r =
        TokenEndpoint.parse(
            CannedResponse.json(
                400,
                "{\"error\":\"invalid_grant\",\"error_description\":\"Token is not active\","
                    + "\"error_uri\":\"https://id.example.org/errors/1\"}"),
            SENT,
            REQUESTED,
            DEFAULT,
            WHAT);
    assertThat(r).isInstanceOf(TokenResponse.Failure.class);
    ProviderErrorException e = ((TokenResponse.Failure) r).error();
    assertThat(e.error()).isEqualTo("invalid_grant");
    assertThat(e.isInvalidGrant()).isTrue();
    assertThat(e.description()).contains("Token is not active");
    assertThat(e.errorUri()).contains("https://id.example.org/errors/1");
    assertThat(e.status()).isEqualTo(400);
    assertThat(e).hasMessage("provider error invalid_grant (HTTP 400): Token is not active");
    assertThatThrownBy(r::orThrow)
        .isInstanceOf(ProviderErrorException.class)
        .hasMessage(e.getMessage());
  }

  @Test
  void parse_errorStatusWithoutErrorCode_malformed() {
    assertThatThrownBy(
            () ->
                TokenEndpoint.parse(
                    CannedResponse.json(401, "{\"message\":\"nope\"}"),
                    SENT,
                    REQUESTED,
                    DEFAULT,
                    WHAT))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessage("the token endpoint answered HTTP 401 without an OAuth error code")
        .extracting(e -> ((MalformedResponseException) e).status())
        .isEqualTo(401);
  }

  @Test
  void parse_successStatusOtherThan200_malformed() {
    assertThatThrownBy(
            () ->
                TokenEndpoint.parse(
                    CannedResponse.json(201, "{\"access_token\":\"a\"}"),
                    SENT,
                    REQUESTED,
                    DEFAULT,
                    WHAT))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessage("the token endpoint answered HTTP 201 instead of 200");
  }
}
