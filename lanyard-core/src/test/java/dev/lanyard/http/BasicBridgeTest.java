package dev.lanyard.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.NoCredentialsException;
import dev.lanyard.grant.Grant;
import dev.lanyard.session.TokenSession;
import java.net.URI;
import org.junit.jupiter.api.Test;

class BasicBridgeTest {
  private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln";

  @Test
  void header_bFabricLogin_basicOfOauthLoginAndJwt() throws Exception {
    TokenSession session = TokenSession.builder().grant(Grant.staticToken(JWT)).build();
    assertThat(
            RequestAuthorizer.basic(session, RequestAuthorizer.B_FABRIC_LOGIN)
                .authorize("GET", URI.create("https://api.example.org/"))
                .headers()
                .get("Authorization"))
        .isEqualTo(
            "Basic X19vYXV0aF9fOmV5SmhiR2NpT2lKU1V6STFOaUo5LmV5SnpkV0lpT2lKaGJHbGpaU0o5LmMybG4=");
  }

  @Test
  void encode_nonAscii_utf8Bytes() {
    assertThat(BasicBridge.encode("__oauth__", "tök")).isEqualTo("Basic X19vYXV0aF9fOnTDtms=");
  }

  @Test
  void decode_roundTripAndForeignValues() {
    assertThat(BasicBridge.decode("__oauth__", BasicBridge.encode("__oauth__", JWT))).contains(JWT);
    assertThat(BasicBridge.decode("__oauth__", "basic X19vYXV0aF9fOnRva2VuLTE="))
        .contains("token-1");
    assertThat(BasicBridge.decode("__oauth__", "Basic X19vYXV0aF9fOg==")).isEmpty(); // no token
    assertThat(BasicBridge.decode("__oauth__", "Bearer " + JWT)).isEmpty();
    assertThat(BasicBridge.decode("__oauth__", null)).isEmpty();
  }

  @Test
  void header_noCredentials_failsFast() {
    assertThatThrownBy(
            () ->
                RequestAuthorizer.basic(TokenSession.builder().build(), "__oauth__")
                    .authorize("GET", URI.create("https://api.example.org/")))
        .isInstanceOf(NoCredentialsException.class);
  }
}
