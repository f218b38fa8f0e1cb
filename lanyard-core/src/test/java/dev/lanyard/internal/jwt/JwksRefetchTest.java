package dev.lanyard.internal.jwt;

import static dev.lanyard.internal.jwt.Forge.CLIENT;
import static dev.lanyard.internal.jwt.Forge.ISSUER;
import static dev.lanyard.internal.jwt.Forge.assertRejected;
import static dev.lanyard.internal.jwt.Forge.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import dev.lanyard.MalformedResponseException;
import dev.lanyard.ProviderUnreachableException;
import dev.lanyard.transport.Transport;
import dev.lanyard.verify.IdTokenVerifier;
import dev.lanyard.verify.Identity;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JWKS: fetched once, refetched for key rotation, rate limited against made-up key ids. */
class JwksRefetchTest {
  private static final RSAKey OLD = Forge.rsa("2024-key");
  private static final RSAKey NEW = Forge.rsa("2025-key");
  private static final RSAKey FORGED = Forge.rsa("forged");

  private final Forge.Clock clock = new Forge.Clock();
  private JwksServer server;
  private IdTokenVerifier verifier;

  @BeforeEach
  void start() throws IOException {
    server = new JwksServer().serve(OLD);
    verifier = verifier();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private IdTokenVerifier verifier() {
    return IdTokenVerifier.builder()
        .issuer(ISSUER)
        .clientId(CLIENT)
        .jwksUri(server.uri())
        .clock(clock)
        .skew(Duration.ofHours(1)) // the clock moves a lot here; expiry is not under test
        .transport(Transport.builder().maxRetries(0).build())
        .build();
  }

  @Test
  void verify_manyTokens_oneFetch() throws IOException {
    for (int i = 0; i < 5; i++) {
      verifier.verify(sign(OLD));
    }

    assertThat(server.fetches()).isEqualTo(1);
  }

  @Test
  void verify_keyRotated_exactlyOneRefetch() throws IOException {
    verifier.verify(sign(OLD));
    clock.advance(Duration.ofMinutes(10));
    server.serve(NEW);

    assertThat(verifier.verify(sign(NEW)).subject()).isEqualTo("f3a1-subject");
    assertThat(server.fetches()).isEqualTo(2);
    verifier.verify(sign(NEW));
    assertThat(server.fetches()).isEqualTo(2);
  }

  @Test
  void verify_unknownKidsRepeatedly_atMostOneRefetchPerInterval() throws IOException {
    verifier.verify(sign(OLD));
    assertThat(server.fetches()).isEqualTo(1);

    // Right after the first fetch: nothing to learn from the provider yet.
    assertRejected(
        verifier,
        sign(FORGED),
        "ID token key id forged is not among the provider's RS256 signing keys (JWKS not"
            + " refetched");
    assertThat(server.fetches()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(30));
    for (int i = 0; i < 10; i++) {
      assertRejected(verifier, sign(FORGED), "ID token key id forged is not among");
    }
    assertThat(server.fetches()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(29));
    assertRejected(verifier, sign(FORGED), "JWKS not refetched");
    assertThat(server.fetches()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(1));
    assertRejected(verifier, sign(FORGED), "even after refetching the JWKS");
    assertThat(server.fetches()).isEqualTo(3);
  }

  @Test
  void verify_concurrentFirstUse_oneFetch() throws Exception {
    server.delay(200);
    String token = sign(OLD);
    List<Callable<Identity>> calls = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      calls.add(() -> verifier.verify(token));
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      for (Future<Identity> f : pool.invokeAll(calls, 30, TimeUnit.SECONDS)) {
        assertThat(f.get().subject()).isEqualTo("f3a1-subject");
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(server.fetches()).isEqualTo(1);
  }

  @Test
  void verify_concurrentUnknownKids_oneRefetch() throws Exception {
    verifier.verify(sign(OLD));
    clock.advance(Duration.ofMinutes(1));
    server.delay(200);
    String forged = sign(FORGED);
    List<Callable<Boolean>> calls = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      calls.add(
          () -> {
            assertRejected(verifier, forged, "forged is not among");
            return true;
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      for (Future<Boolean> f : pool.invokeAll(calls, 30, TimeUnit.SECONDS)) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(server.fetches()).isEqualTo(2);
  }

  @Test
  void verify_noKidOneCompatibleKey_ok() throws IOException {
    ECKey ec = Forge.ec(Curve.P_256, "ec");
    server.serve(OLD, ec);
    JWSHeader noKid = new JWSHeader.Builder(JWSAlgorithm.RS256).build();

    assertThat(verifier.verify(Forge.sign(noKid, OLD, b -> b))).isNotNull();
  }

  @Test
  void verify_noKidSeveralCompatibleKeys_rejected() {
    server.serve(OLD, NEW);
    JWSHeader noKid = new JWSHeader.Builder(JWSAlgorithm.RS256).build();

    assertRejected(
        verifier,
        Forge.sign(noKid, OLD, b -> b),
        "ID token names no key id, and the provider's JWKS has 2 RS256 signing keys to choose"
            + " from");
  }

  @Test
  void verify_jwksServerError_malformedResponse() {
    server.answer(500, "{\"error\":\"oops\"}");

    assertThatThrownBy(() -> verifier.verify(sign(OLD)))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("the JWKS endpoint at " + server.uri() + " answered HTTP 500")
        .satisfies(e -> assertThat(((MalformedResponseException) e).status()).isEqualTo(500));
  }

  @Test
  void verify_jwksNotAKeySet_malformedResponseWithoutBody() {
    server.answer(200, "<html>internal-SECRET-page</html>");

    assertThatThrownBy(() -> verifier.verify(sign(OLD)))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessage("the JWKS endpoint at " + server.uri() + " did not answer with a JWK set")
        .hasNoCause();
  }

  @Test
  void verify_jwksFailedThenRecovers_fetchedAgain() throws IOException {
    server.answer(503, "busy");
    assertThatThrownBy(() -> verifier.verify(sign(OLD)))
        .isInstanceOf(MalformedResponseException.class);

    server.serve(OLD);

    assertThat(verifier.verify(sign(OLD))).isNotNull();
    assertThat(server.fetches()).isEqualTo(2);
  }

  @Test
  void verify_jwksUnreachable_providerUnreachable() {
    server.close();

    assertThatThrownBy(() -> verifier.verify(sign(OLD)))
        .isInstanceOf(ProviderUnreachableException.class)
        .hasMessageContaining("could not reach the JWKS endpoint");
  }

  @Test
  void verify_keyWithdrawnAndCacheOlderThanAnHour_noLongerTrusted() throws IOException {
    verifier.verify(sign(OLD));
    server.serve(NEW); // the provider withdraws OLD
    clock.advance(JwksCache.MAX_AGE.plusMinutes(1));

    assertThatThrownBy(() -> verifier.verify(sign(OLD)))
        .isInstanceOf(dev.lanyard.InvalidTokenException.class);
    assertThat(server.fetches()).isGreaterThanOrEqualTo(2);
    assertThat(verifier.verify(sign(NEW)).subject()).isEqualTo("f3a1-subject");
  }

  @Test
  void verify_cacheOldAndJwksEndpointDown_oldKeysKeepServing() throws IOException {
    verifier.verify(sign(OLD));
    server.close();
    clock.advance(JwksCache.MAX_AGE.plusMinutes(1));

    assertThat(verifier.verify(sign(OLD)).subject()).isEqualTo("f3a1-subject");
  }
}
