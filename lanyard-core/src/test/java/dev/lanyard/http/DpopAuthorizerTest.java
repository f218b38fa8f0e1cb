package dev.lanyard.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.DpopKey;
import dev.lanyard.TokenSet;
import dev.lanyard.session.TokenSession;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A DPoP-bound session token through {@link RequestAuthorizer#bearer}: a proof per request. */
class DpopAuthorizerTest {
  private static final URI API = URI.create("https://api.example.org/items?page=2");
  private static final URI OTHER = URI.create("https://other.example.org/items");
  private final DpopKey key = DpopKey.generate();
  private final TokenSession session =
      TokenSession.builder()
          .tokens(TokenSet.builder("at-1").tokenType("DPoP").dpopKey(key).build())
          .build();
  private final RequestAuthorizer authorizer = RequestAuthorizer.bearer(session);

  private static JWTClaimsSet proof(Authorization a) throws Exception {
    return SignedJWT.parse(a.headers().get("DPoP")).getJWTClaimsSet();
  }

  private static ResponseHead nonceChallenge(String nonce) {
    return ResponseHead.of(
        401,
        Map.of(
            "WWW-Authenticate", List.of("DPoP error=\"use_dpop_nonce\", algs=\"ES256\""),
            "DPoP-Nonce", List.of(nonce)));
  }

  @Test
  void authorize_boundToken_dpopSchemeAndAFreshProofEachTime() throws Exception {
    Authorization a = authorizer.authorize("GET", API);
    Authorization b = authorizer.authorize("GET", API);
    assertThat(a.headers()).containsEntry("Authorization", "DPoP at-1").containsKey("DPoP");
    assertThat(proof(a).getJWTID()).isNotEqualTo(proof(b).getJWTID());
    assertThat(proof(a).getStringClaim("htu")).isEqualTo("https://api.example.org/items");
    assertThat(proof(a).getStringClaim("ath")).isNotBlank();
    assertThat(a.toString()).doesNotContain("at-1");
  }

  @Test
  void useDpopNonce_retryWithTheNonce_rememberedForThatOriginOnly() throws Exception {
    Authorization first = authorizer.authorize("GET", API);
    ResponseHead challenge = nonceChallenge("n-1");
    assertThat(authorizer.retryMayHelp(first, challenge)).isTrue();

    Authorization retry = authorizer.reauthorize("GET", API, first, challenge);
    assertThat(retry.headers()).containsEntry("Authorization", "DPoP at-1");
    assertThat(proof(retry).getStringClaim("nonce")).isEqualTo("n-1");

    assertThat(proof(authorizer.authorize("POST", API)).getStringClaim("nonce")).isEqualTo("n-1");
    assertThat(proof(authorizer.authorize("GET", OTHER)).getClaim("nonce")).isNull();
  }

  @Test
  void onResponse_newNonce_usedNext() throws Exception {
    Authorization sent = authorizer.authorize("GET", API);
    authorizer.onResponse(sent, ResponseHead.of(200, Map.of("DPoP-Nonce", List.of("n-9"))));
    assertThat(proof(authorizer.authorize("GET", API)).getStringClaim("nonce")).isEqualTo("n-9");
  }

  @Test
  void basicBridge_boundToken_refused() {
    assertThatThrownBy(() -> RequestAuthorizer.basic(session, "__oauth__").authorize("GET", API))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("DPoP-bound");
  }
}
