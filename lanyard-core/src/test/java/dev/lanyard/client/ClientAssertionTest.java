package dev.lanyard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.internal.http.ClientProof;
import dev.lanyard.internal.oauth.ClientMethods;
import dev.lanyard.provider.ProviderMetadata;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Client assertions (RFC 7523 §2.2) as {@link ClientProof} puts them into a request. */
class ClientAssertionTest {
  private static final URI ISSUER = URI.create("https://id.example.org/realms/lab");
  private static final URI TOKEN = URI.create("https://id.example.org/realms/lab/token");
  private static final String SECRET = "0123456789abcdef0123456789abcdef";

  static ClientAuthentication keyClient(KeyPair pair) {
    return ClientAuthentication.privateKeyJwt(
        "service",
        ClientKey.fromJwk(
                new com.nimbusds.jose.jwk.ECKey.Builder(
                        com.nimbusds.jose.jwk.Curve.P_256, (ECPublicKey) pair.getPublic())
                    .privateKey(pair.getPrivate())
                    .build()
                    .toJSONString())
            .withKeyId("k1"));
  }

  @Test
  void privateKeyJwt_assertion_claimsAndSignature() throws Exception {
    KeyPair pair = ClientKeyTest.pair("EC");
    Map<String, String> form = ClientProof.of(keyClient(pair), TOKEN, ISSUER).parameters();
    assertThat(form)
        .containsEntry("client_id", "service")
        .containsEntry(
            "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        .doesNotContainKey("client_secret");
    SignedJWT jwt = SignedJWT.parse(form.get("client_assertion"));
    assertThat(jwt.verify(new ECDSAVerifier((ECPublicKey) pair.getPublic()))).isTrue();
    JWTClaimsSet c = jwt.getJWTClaimsSet();
    assertThat(c.getIssuer()).isEqualTo("service");
    assertThat(c.getSubject()).isEqualTo("service");
    assertThat(c.getAudience()).containsExactly(ISSUER.toString());
    assertThat(Duration.between(c.getIssueTime().toInstant(), c.getExpirationTime().toInstant()))
        .isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void privateKeyJwt_audienceEndpoint_orIssuerUnknown_namesTheEndpoint() throws Exception {
    ClientAuthentication c = keyClient(ClientKeyTest.pair("EC"));
    assertThat(aud(c.withAssertionAudience(ClientAuthentication.Audience.ENDPOINT), ISSUER))
        .isEqualTo(TOKEN.toString());
    assertThat(aud(c, null)).isEqualTo(TOKEN.toString());
  }

  private static String aud(ClientAuthentication c, URI issuer) throws Exception {
    String jwt = ClientProof.of(c, TOKEN, issuer).parameters().get("client_assertion");
    return SignedJWT.parse(jwt).getJWTClaimsSet().getAudience().get(0);
  }

  @Test
  void everyRequest_freshJti_neverReused() throws Exception {
    ClientAuthentication c = keyClient(ClientKeyTest.pair("EC"));
    Set<String> jtis = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      String jwt = ClientProof.of(c, TOKEN, ISSUER).parameters().get("client_assertion");
      jtis.add(SignedJWT.parse(jwt).getJWTClaimsSet().getJWTID());
    }
    assertThat(jtis).hasSize(500).allSatisfy(j -> assertThat(j).hasSizeGreaterThan(20));
  }

  @Test
  void clientSecretJwt_hs256UnderTheSecret() throws Exception {
    ClientAuthentication c = ClientAuthentication.clientSecretJwt("service", SECRET);
    SignedJWT jwt =
        SignedJWT.parse(ClientProof.of(c, TOKEN, ISSUER).parameters().get("client_assertion"));
    assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
    assertThat(jwt.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
    assertThat(c.toString()).doesNotContain(SECRET);
    assertThatThrownBy(() -> ClientAuthentication.clientSecretJwt("service", "short"))
        .hasMessageContaining("at least 32 bytes");
  }

  @Test
  void metadata_methodOrAlgorithmNotAnnounced_refusedBeforeAnyRequest() throws Exception {
    ProviderMetadata basicOnly =
        ProviderMetadata.builder(TOKEN)
            .issuer(ISSUER)
            .tokenEndpointAuthMethods(List.of("client_secret_basic"))
            .build();
    ClientAuthentication c = keyClient(ClientKeyTest.pair("EC"));
    assertThatThrownBy(() -> ClientMethods.requireSupported(c, basicOnly))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the provider "
                + ISSUER
                + " does not accept client authentication private_key_jwt; it accepts"
                + " client_secret_basic");
    ProviderMetadata rsaOnly =
        ProviderMetadata.parse(
            "{\"token_endpoint\":\""
                + TOKEN
                + "\",\"token_endpoint_auth_methods_supported\":[\"private_key_jwt\"],"
                + "\"token_endpoint_auth_signing_alg_values_supported\":[\"RS256\"]}");
    assertThatThrownBy(() -> ClientMethods.requireSupported(c, rsaOnly))
        .hasMessageContaining("does not accept client assertions signed ES256; it accepts RS256");
    ClientMethods.requireSupported(c, ProviderMetadata.builder(TOKEN).build()); // announces nothing
  }
}
