package dev.lanyard.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.grant.Grant;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The grants the logins redeem: their form, and that they never sign in again by themselves. */
class LoginGrantsTest {
  private static final String CODE = "code-Tq9mUNIQUE";
  private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  private static final String DEVICE = "dc-Lw3eUNIQUE";
  private static final URI REDIRECT = URI.create("http://127.0.0.1:4200/callback");

  @Test
  void authorizationCode_formAndSingleUse() {
    Grant.AuthorizationCode g = Grant.authorizationCode(CODE, REDIRECT, VERIFIER);
    assertThat(g.parameters())
        .containsExactly(
            Map.entry("grant_type", "authorization_code"),
            Map.entry("code", CODE),
            Map.entry("redirect_uri", REDIRECT.toString()),
            Map.entry("code_verifier", VERIFIER));
    assertThat(g.canReauthenticate()).isFalse();
    assertThat(g.replayable()).isFalse();
    assertThat(g.toString()).doesNotContain(CODE, VERIFIER).contains(REDIRECT.toString());
    assertThat(g).isInstanceOf(Grant.EndpointGrant.class);
  }

  @Test
  void deviceCode_withAndWithoutVerifier() {
    assertThat(Grant.deviceCode(DEVICE).parameters())
        .containsExactly(
            Map.entry("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            Map.entry("device_code", DEVICE));
    Grant.DeviceCode g = Grant.deviceCode(DEVICE, VERIFIER);
    assertThat(g.parameters()).containsEntry("code_verifier", VERIFIER);
    assertThat(g.canReauthenticate()).isFalse();
    assertThat(g.toString()).doesNotContain(DEVICE, VERIFIER);
  }

  @Test
  void emptyValues_refused() {
    assertThatThrownBy(() -> Grant.authorizationCode("", REDIRECT, VERIFIER))
        .hasMessage("code must not be empty");
    assertThatThrownBy(() -> Grant.authorizationCode(CODE, REDIRECT, ""))
        .hasMessage("codeVerifier must not be empty");
    assertThatThrownBy(() -> Grant.deviceCode("")).hasMessage("deviceCode must not be empty");
  }
}
