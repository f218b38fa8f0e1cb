package dev.lanyard.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.DpopKey;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.internal.grant.TokenRequests;
import dev.lanyard.transport.Transport;
import java.time.Duration;
import java.time.InstantSource;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DPoP at the token endpoint (RFC 9449 §5, §8): a proof on every request, one retry with the
 * server's nonce, the key kept with the tokens. Keycloak does not demand nonces, so the server is
 * scripted.
 */
class TokenEndpointDpopTest {
  private MockWebServer server;
  private TokenEndpoint endpoint;
  private final DpopKey key = DpopKey.generate();

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    endpoint =
        new TokenEndpoint(
            server.url("/token").uri(),
            null,
            ClientAuthentication.none("app"),
            Transport.defaults(),
            InstantSource.system(),
            Duration.ofMinutes(5),
            key);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static MockResponse json(int code, String body, String nonce) {
    MockResponse.Builder b =
        new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json");
    if (nonce != null) {
      b.setHeader("DPoP-Nonce", nonce);
    }
    return b.body(body).build();
  }

  private JWTClaimsSet proof(RecordedRequest r) throws Exception {
    return SignedJWT.parse(r.getHeaders().get("DPoP")).getJWTClaimsSet();
  }

  @Test
  void request_useDpopNonce_oneRetryWithTheNonce_tokensHoldTheKey() throws Exception {
    server.enqueue(json(400, "{\"error\":\"use_dpop_nonce\"}", "n-1"));
    server.enqueue(
        json(200, "{\"access_token\":\"a\",\"token_type\":\"DPoP\",\"expires_in\":60}", "n-2"));

    TokenSet t = endpoint.fetch(TokenRequests.of(Grant.clientCredentials()));

    assertThat(t.isDpopBound()).isTrue();
    assertThat(t.dpopKey()).contains(key);
    JWTClaimsSet first = proof(server.takeRequest());
    JWTClaimsSet second = proof(server.takeRequest());
    assertThat(first.getClaim("nonce")).isNull();
    assertThat(second.getStringClaim("nonce")).isEqualTo("n-1");
    assertThat(second.getStringClaim("htm")).isEqualTo("POST");
    assertThat(second.getStringClaim("htu")).isEqualTo(server.url("/token").toString());
    assertThat(second.getClaim("ath")).as("no access token at the token endpoint").isNull();
    assertThat(first.getJWTID()).isNotEqualTo(second.getJWTID());

    // The nonce of the last answer goes into the next request.
    server.enqueue(json(200, "{\"access_token\":\"b\",\"token_type\":\"DPoP\"}", null));
    endpoint.fetch(TokenRequests.of(Grant.clientCredentials()));
    assertThat(proof(server.takeRequest()).getStringClaim("nonce")).isEqualTo("n-2");
  }

  @Test
  void request_useDpopNonceTwice_noThirdRequest() throws Exception {
    server.enqueue(json(400, "{\"error\":\"use_dpop_nonce\"}", "n-1"));
    server.enqueue(json(400, "{\"error\":\"use_dpop_nonce\"}", "n-2"));

    Assertions.assertThatThrownBy(() -> endpoint.fetch(TokenRequests.of(Grant.clientCredentials())))
        .isInstanceOf(ProviderErrorException.class)
        .hasMessageContaining("use_dpop_nonce");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void request_useDpopNonceWithoutANonce_notRetried() throws Exception {
    server.enqueue(json(400, "{\"error\":\"use_dpop_nonce\"}", null));
    Assertions.assertThatThrownBy(() -> endpoint.fetch(TokenRequests.of(Grant.clientCredentials())))
        .isInstanceOf(ProviderErrorException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void request_dpopTokenWithoutAProof_malformed() throws Exception {
    server.enqueue(json(200, "{\"access_token\":\"a\",\"token_type\":\"DPoP\"}", null));
    TokenEndpoint bearer =
        new TokenEndpoint(
            server.url("/token").uri(),
            ClientAuthentication.none("app"),
            Transport.defaults(),
            InstantSource.system(),
            Duration.ofMinutes(5));
    Assertions.assertThatThrownBy(() -> bearer.fetch(TokenRequests.of(Grant.clientCredentials())))
        .isInstanceOf(dev.lanyard.MalformedResponseException.class)
        .hasMessage(
            "the token endpoint issued a DPoP-bound token to a request without a DPoP proof");
  }
}
