package dev.lanyard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DpopKeyTest {
  private static final URI API = URI.create("https://api.example.org/v1/items?secret=q#frag");

  @Test
  void proof_resourceRequest_claimsHeaderAndSignature() throws Exception {
    DpopKey key = DpopKey.generate();
    SignedJWT proof = SignedJWT.parse(key.proof("get", API, "tok", "n-1"));

    assertThat(proof.getHeader().getType().getType()).isEqualTo("dpop+jwt");
    assertThat(proof.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
    ECKey jwk = (ECKey) proof.getHeader().getJWK();
    assertThat(jwk.isPrivate()).as("only the public key travels").isFalse();
    assertThat(jwk.computeThumbprint().toString()).isEqualTo(key.thumbprint());
    assertThat(proof.verify(new ECDSAVerifier(jwk))).isTrue();

    JWTClaimsSet c = proof.getJWTClaimsSet();
    assertThat(c.getStringClaim("htm")).isEqualTo("GET");
    assertThat(c.getStringClaim("htu")).isEqualTo("https://api.example.org/v1/items");
    assertThat(c.getStringClaim("nonce")).isEqualTo("n-1");
    byte[] hash =
        MessageDigest.getInstance("SHA-256").digest("tok".getBytes(StandardCharsets.US_ASCII));
    assertThat(c.getStringClaim("ath"))
        .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(hash));
    assertThat(c.getIssueTime()).isNotNull();
  }

  @Test
  void proof_tokenRequest_noAthNoNonce_freshJtiEachTime() throws Exception {
    DpopKey key = DpopKey.generate();
    Set<String> jtis = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      JWTClaimsSet c =
          SignedJWT.parse(key.proof("POST", URI.create("https://id/token"), null, null))
              .getJWTClaimsSet();
      assertThat(c.getClaims()).doesNotContainKeys("ath", "nonce");
      jtis.add(c.getJWTID());
    }
    assertThat(jtis).hasSize(200);
  }

  @Test
  void json_roundTrip_sameKey_toStringShowsOnlyTheThumbprint() {
    DpopKey key = DpopKey.generate();
    DpopKey again = DpopKey.fromJson(key.toJson());
    assertThat(again).isEqualTo(key);
    assertThat(again.thumbprint()).isEqualTo(key.thumbprint());
    assertThat(key.toString()).isEqualTo("DpopKey{ES256, jkt=" + key.thumbprint() + "}");
    assertThat(key.toJson()).contains("\"d\"");
    assertThatThrownBy(() -> DpopKey.fromJson("{\"kty\":\"oct\",\"k\":\"AAAA\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a DPoP key must be a private EC P-256 JWK");
  }

  @Test
  void tokenSet_dpopTypeAndKey_boundAndHeaderSaysDpop() {
    DpopKey key = DpopKey.generate();
    TokenSet bound = TokenSet.builder("at").tokenType("DPoP").dpopKey(key).build();
    assertThat(bound.isDpopBound()).isTrue();
    assertThat(bound.authorizationHeader()).isEqualTo("DPoP at");
    assertThat(bound.toString()).contains("dpop.jkt=" + key.thumbprint()).doesNotContain("\"d\"");
    assertThat(TokenSet.builder("at").dpopKey(key).build().isDpopBound())
        .as("the provider answered Bearer: sent as a bearer token")
        .isFalse();
    assertThat(TokenSet.builder("at").tokenType("DPoP").build().isDpopBound()).isFalse();
  }
}
