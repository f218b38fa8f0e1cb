package dev.lanyard.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.DpopKey;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.login.PendingLogin;
import dev.lanyard.login.WebLogin;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.transport.Transport;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * A DPoP web sign-in (RFC 9449) started on one instance and completed on another, the pending login
 * shared through a real Redis: its key travels with it, encrypted, and only encrypted.
 */
class RedisPendingLoginDpopTest {
  private static final StoreKeys KEYS = StoreKeys.parse(StoreKeys.generate());
  private static final URI CALLBACK = URI.create("https://portal.example.org/callback");

  private static RedisStore connect() throws Exception {
    return RedisStore.builder(RedisServer.shared().uri())
        .keyPrefix("dpopweb:")
        .keys(KEYS)
        .connect();
  }

  private static String privatePart(DpopKey key) throws Exception {
    return (String) JSONObjectUtils.parse(key.toJson()).get("d");
  }

  @Test
  void pendingLogin_withDpopKey_takenOnAnotherInstanceWithTheSameKeyNeverInClear()
      throws Exception {
    DpopKey key = DpopKey.generate();
    PendingLogin started =
        PendingLogin.of(
                "state-dpop-1",
                "verifier-dpop-1",
                "nonce-dpop-1",
                CALLBACK,
                Instant.now().plusSeconds(600).truncatedTo(ChronoUnit.MILLIS))
            .withDpopKey(key);
    try (RedisStore a = connect();
        RedisStore b = connect()) {
      a.pendingLogins(Duration.ofMinutes(10)).put(started);

      String keys = RedisServer.shared().command("KEYS", "dpopweb:*");
      String raw = RedisServer.shared().command("GET", keys.split(" ")[0]);
      assertThat(raw)
          .doesNotContain(privatePart(key))
          .doesNotContain(key.thumbprint())
          .doesNotContain("dpop_key");

      PendingLogin taken =
          b.pendingLogins(Duration.ofMinutes(10)).take("state-dpop-1").orElseThrow();
      DpopKey kept = taken.dpopKey().orElseThrow();
      assertThat(kept.thumbprint()).isEqualTo(key.thumbprint());
      assertThat(privatePart(kept)).isEqualTo(privatePart(key));
      assertThat(taken.codeVerifier()).isEqualTo("verifier-dpop-1");
      assertThat(taken.toString()).doesNotContain(privatePart(key));
    }
  }

  @Test
  void pendingLogin_withDpopKeyWithoutEncryption_refusedAndNothingStored() throws Exception {
    try (RedisStore clear =
        RedisStore.builder(RedisServer.shared().uri()).keyPrefix("dpopclear:").connect()) {
      PendingLogin started =
          PendingLogin.of(
                  "state-clear", "verifier", "nonce", CALLBACK, Instant.now().plusSeconds(600))
              .withDpopKey(DpopKey.generate());

      assertThatThrownBy(() -> clear.pendingLogins(Duration.ofMinutes(10)).put(started))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "a DPoP sign-in cannot be kept in Redis without encryption: its private key would"
                  + " be readable there; configure the store's keys (RedisStore.Builder.keys)");
      assertThat(RedisServer.shared().command("PING")).isEqualTo("PONG");
      assertThat(RedisServer.shared().command("KEYS", "dpopclear:*")).isEmpty();
    }
  }

  @Test
  void webLogin_urlFromOneInstanceCallbackOnAnother_codeRedeemedWithTheKeyOfDpopJkt()
      throws Exception {
    try (MockWebServer provider = new MockWebServer();
        RedisStore redisA = connect();
        RedisStore redisB = connect()) {
      provider.enqueue(
          new MockResponse.Builder()
              .code(200)
              .setHeader("Content-Type", "application/json")
              .body(
                  "{\"access_token\":\"at-UNIQUE\",\"token_type\":\"DPoP\","
                      + "\"expires_in\":300,\"refresh_token\":\"rt-UNIQUE\"}")
              .build());
      provider.start();
      ProviderMetadata metadata =
          ProviderMetadata.builder(provider.url("/token").uri())
              .issuer(URI.create("https://id.example.org/realms/lab"))
              .authorizationEndpoint(URI.create("https://id.example.org/realms/lab/auth"))
              .build();
      WebLogin a = replica(metadata, redisA);
      WebLogin b = replica(metadata, redisB);

      Map<String, String> q = query(a.authorizationUrl(CALLBACK));
      TokenSet tokens = b.complete(Map.of("code", "c-1", "state", q.get("state"))).tokens();

      RecordedRequest redemption = provider.takeRequest();
      SignedJWT proof = SignedJWT.parse(redemption.getHeaders().get("DPoP"));
      ECKey jwk = (ECKey) proof.getHeader().getJWK();
      assertThat(proof.verify(new ECDSAVerifier(jwk))).isTrue();
      assertThat(jwk.computeThumbprint().toString()).isEqualTo(q.get("dpop_jkt"));
      assertThat(tokens.isDpopBound()).isTrue();
      assertThat(tokens.dpopKey().orElseThrow().thumbprint()).isEqualTo(q.get("dpop_jkt"));
      assertThat(RedisServer.shared().command("KEYS", "dpopweb:*")).doesNotContain(":pending");
    }
  }

  private static WebLogin replica(ProviderMetadata metadata, RedisStore redis) {
    return WebLogin.builder()
        .provider(metadata)
        .client(ClientAuthentication.none("lab-portal"))
        .transport(Transport.builder().maxRetries(0).requestTimeout(Duration.ofSeconds(5)).build())
        .pendingLoginStore(redis.pendingLogins(Duration.ofMinutes(10)))
        .dpop(true)
        .build();
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> q = new LinkedHashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      q.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return q;
  }
}
