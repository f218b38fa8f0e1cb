package dev.lanyard.internal.jwt;

import static dev.lanyard.internal.jwt.Forge.ISSUER;
import static dev.lanyard.internal.jwt.Forge.sign;
import static dev.lanyard.internal.jwt.JwtVerifierTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Forged tokens against the generic verifier, and builder misuse. */
class JwtVerifierAttackTest {
  private static final RSAKey PROVIDER = Forge.rsa("rsa-1");

  private JwksServer server;
  private JwtVerifier verifier;

  @BeforeEach
  void start() throws IOException {
    server = new JwksServer().serve(PROVIDER);
    verifier =
        JwtVerifier.builder()
            .issuer(ISSUER)
            .jwksUri(server.uri())
            .algorithms(List.of("RS256", "HS256", "none"))
            .clock(new Forge.Clock())
            .transport(Transport.builder().maxRetries(0).build())
            .build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void verify_plainJwt_rejectedWithoutFetchingKeys() {
    assertRejected(
        verifier, new PlainJWT(Forge.claims().build()).serialize(), "token is unsigned (alg none)");
    assertThat(server.fetches()).isZero();
  }

  @Test
  void verify_hs256WithPublicKeyAsSecret_rejectedEvenWhenListed() throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), Forge.claims().build());
    jwt.sign(new MACSigner(PROVIDER.toRSAPublicKey().getEncoded()));

    assertRejected(verifier, jwt.serialize(), "token algorithm HS256 is never accepted");
    assertThat(verifier.toString()).contains("algorithms=[RS256]");
    assertThat(server.fetches()).isZero();
  }

  @Test
  void verify_claimsSwappedUnderRealSignature_rejected() {
    String[] parts = sign(PROVIDER).split("\\.");
    String evil = Forge.claims().subject("admin").build().toPayload().toBase64URL().toString();

    assertRejected(verifier, parts[0] + "." + evil + "." + parts[2], "signature does not verify");
  }

  @Test
  void verify_jwksDown_ioErrorNotInvalidToken() {
    server.answer(500, "oops");
    assertThatThrownBy(() -> verifier.verify(sign(PROVIDER)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("JWKS");
  }

  @Test
  void build_missingIssuerOrJwks_fails() {
    assertThatThrownBy(() -> JwtVerifier.builder().jwksUri(server.uri()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("issuer is required");
    assertThatThrownBy(() -> JwtVerifier.builder().issuer(ISSUER).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("jwksUri is required");
  }

  @Test
  void build_plainHttpJwksOffLoopback_fails() {
    JwtVerifier.Builder b =
        JwtVerifier.builder().issuer(ISSUER).jwksUri(URI.create("http://idp.example.org/certs"));
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jwksUri must use https");
  }

  @Test
  void build_onlyHmacAlgorithms_fails() {
    JwtVerifier.Builder b =
        JwtVerifier.builder().issuer(ISSUER).jwksUri(server.uri()).algorithms(List.of("HS256"));
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("name no public-key signature");
  }

  @Test
  void builder_settingTwice_failsWithTheValueSet() {
    assertThatThrownBy(() -> JwtVerifier.builder().issuer(ISSUER).issuer("https://other"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("issuer was already set to " + ISSUER);
    assertThatThrownBy(() -> JwtVerifier.builder().audience("a").audience("b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("audience was already set to a");
  }

  @Test
  void builder_fromProviderWithoutJwks_fails() {
    ProviderMetadata noKeys =
        ProviderMetadata.builder(URI.create("https://idp.example.org/token"))
            .issuer(URI.create(ISSUER))
            .build();
    assertThatThrownBy(() -> JwtVerifier.builder(noKeys))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the provider metadata has no jwks_uri");
  }

  @Test
  void builder_fromProvider_usesItsIssuerAndKeys() throws IOException {
    ProviderMetadata m =
        ProviderMetadata.builder(URI.create("http://127.0.0.1/token"))
            .issuer(URI.create(ISSUER))
            .jwksUri(server.uri())
            .build();
    JwtVerifier fromProvider =
        JwtVerifier.builder(m)
            .clock(new Forge.Clock())
            .transport(Transport.builder().maxRetries(0).build())
            .build();
    assertThat(fromProvider.verify(sign(PROVIDER)).issuer()).isEqualTo(ISSUER);
  }
}
