package dev.lanyard.internal.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.Scope;
import dev.lanyard.grant.Grant;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The grants the logins redeem: their form, that they are single use, and that they are no {@link
 * Grant}, so a session can never be given one to sign in again with.
 */
class LoginGrantsTest {
  private static final String CODE = "code-Tq9mUNIQUE";
  private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  private static final String DEVICE = "dc-Lw3eUNIQUE";
  private static final URI REDIRECT = URI.create("http://127.0.0.1:4200/callback");
  private static final Scope ASKED = Scope.of("openid email");

  @Test
  void authorizationCode_formAndSingleUse() {
    AuthorizationCodeGrant g = new AuthorizationCodeGrant(CODE, REDIRECT, VERIFIER);
    TokenRequest request = TokenRequests.of(g, ASKED);
    assertThat(request.form())
        .containsExactly(
            Map.entry("grant_type", "authorization_code"),
            Map.entry("code", CODE),
            Map.entry("redirect_uri", REDIRECT.toString()),
            Map.entry("code_verifier", VERIFIER));
    assertThat(request.grantType()).isEqualTo(GrantType.AUTHORIZATION_CODE);
    assertThat(request.scope()).isEqualTo(ASKED);
    assertThat(Grant.class.isAssignableFrom(AuthorizationCodeGrant.class)).isFalse();
    assertThat(request.replayable()).isFalse();
    assertThat(g.toString()).doesNotContain(CODE, VERIFIER).contains(REDIRECT.toString());
    assertThat(request.toString()).doesNotContain(CODE, VERIFIER);
  }

  @Test
  void deviceCode_withAndWithoutVerifier() {
    assertThat(TokenRequests.of(DeviceCodeGrant.of(DEVICE), ASKED).form())
        .containsExactly(
            Map.entry("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            Map.entry("device_code", DEVICE));
    DeviceCodeGrant g = DeviceCodeGrant.of(DEVICE, VERIFIER);
    TokenRequest request = TokenRequests.of(g, ASKED);
    assertThat(request.form()).containsEntry("code_verifier", VERIFIER);
    assertThat(Grant.class.isAssignableFrom(DeviceCodeGrant.class)).isFalse();
    assertThat(request.replayable()).isFalse();
    assertThat(g.toString()).doesNotContain(DEVICE, VERIFIER);
    assertThat(request.toString()).doesNotContain(DEVICE, VERIFIER);
  }

  @Test
  void emptyValues_refused() {
    assertThatThrownBy(() -> new AuthorizationCodeGrant("", REDIRECT, VERIFIER))
        .hasMessage("code must not be empty");
    assertThatThrownBy(() -> new AuthorizationCodeGrant(CODE, REDIRECT, ""))
        .hasMessage("codeVerifier must not be empty");
    assertThatThrownBy(() -> DeviceCodeGrant.of("")).hasMessage("deviceCode must not be empty");
    assertThatThrownBy(() -> DeviceCodeGrant.of(DEVICE, ""))
        .hasMessage("codeVerifier must not be empty");
  }
}
