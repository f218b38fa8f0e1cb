package dev.lanyard.it.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.client.ClientKey;
import dev.lanyard.grant.Grant;
import dev.lanyard.internal.http.ClientProof;
import dev.lanyard.internal.http.Requests;
import dev.lanyard.it.support.Browser;
import dev.lanyard.it.support.KeyFiles;
import dev.lanyard.login.BrowserLogin;
import dev.lanyard.login.LoginResult;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.session.TokenSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Client authentication with signed assertions (RFC 7523 §2.2) against Keycloak: clients {@code
 * service-jwt} (its JWKS holds the public halves of the keys in src/test/resources/keys) and {@code
 * service-secret-jwt}.
 */
class PrivateKeyJwtTest extends SignInTestBase {
  static final String CLIENT = "service-jwt";
  static final String SECRET_JWT_CLIENT = "service-secret-jwt";
  static final String SECRET_JWT_SECRET = "service-secret-jwt-0123456789abcdef";

  @TempDir Path dir;

  private ClientKey key(String file, String kid) throws Exception {
    return ClientKey.load(KeyFiles.ownerOnly(dir, file)).withKeyId(kid);
  }

  private static TokenSession clientCredentials(ClientAuthentication client) {
    return TokenSession.builder()
        .issuer(Lab.issuer())
        .client(client)
        .grant(Grant.clientCredentials())
        .build();
  }

  private static String azp(TokenSet tokens) throws Exception {
    return SignedJWT.parse(tokens.accessToken()).getJWTClaimsSet().getStringClaim("azp");
  }

  @ParameterizedTest(name = "{2} from {0}")
  @CsvSource({
    "client-rsa.pem, rsa-1, RS256",
    "client-rsa.pem, rsa-ps, PS256",
    "client-ec.pem, ec-1, ES256",
    "client-ed25519.pem, ed-1, EdDSA"
  })
  void clientCredentials_privateKeyJwt_eachAlgorithm_tokenForTheClient(
      String file, String kid, String alg) throws Exception {
    ClientKey key = key(file, kid).withAlgorithm(alg);
    TokenSet tokens = clientCredentials(ClientAuthentication.privateKeyJwt(CLIENT, key)).token();
    assertThat(azp(tokens)).isEqualTo(CLIENT);
  }

  @Test
  void clientCredentials_privateJwkFile_kidFromTheFile() throws Exception {
    ClientKey key = ClientKey.load(KeyFiles.ownerOnly(dir, "client-ec.jwk"));
    assertThat(key.keyId()).contains("ec-1");
    TokenSet tokens = clientCredentials(ClientAuthentication.privateKeyJwt(CLIENT, key)).token();
    assertThat(azp(tokens)).isEqualTo(CLIENT);
  }

  @Test
  void clientCredentials_clientSecretJwt_tokenForTheClient() throws Exception {
    ClientAuthentication client =
        ClientAuthentication.clientSecretJwt(SECRET_JWT_CLIENT, SECRET_JWT_SECRET);
    assertThat(azp(clientCredentials(client).token())).isEqualTo(SECRET_JWT_CLIENT);
  }

  @Test
  void metadata_keycloakAnnouncesTheMethods() throws Exception {
    ProviderMetadata m = Lab.provider();
    assertThat(m.tokenEndpointAuthMethods()).contains("private_key_jwt", "client_secret_jwt");
    assertThat(m.tokenEndpointAuthSigningAlgs()).contains("RS256", "PS256", "ES256");
  }

  @Test
  void replayedAssertion_refusedByKeycloak() throws Exception {
    ClientAuthentication client =
        ClientAuthentication.privateKeyJwt(CLIENT, key("client-ec.pem", "ec-1"));
    URI token = Lab.provider().tokenEndpoint();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.putAll(ClientProof.of(client, token, Lab.issuer()).parameters());

    assertThat(post(token, form).statusCode()).isEqualTo(200);
    HttpResponse<String> replay = post(token, form);
    assertThat(replay.statusCode()).isIn(400, 401);
    assertThat(replay.body()).contains("invalid_client");

    // Lanyard itself never sends an assertion twice: a session makes a new one per request.
    TokenSession session = clientCredentials(client);
    session.token();
    assertThat(session.forceRefresh().accessToken()).isNotEmpty();
  }

  private static HttpResponse<String> post(URI uri, Map<String, String> form) throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    Requests.formEncode(form), StandardCharsets.UTF_8))
            .build();
    return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void wrongKey_invalidClient_oneLine() throws Exception {
    ClientAuthentication client =
        ClientAuthentication.privateKeyJwt(CLIENT, key("wrong-rsa.pem", "rsa-1"));
    assertThatThrownBy(() -> clientCredentials(client).token())
        .isInstanceOf(ProviderErrorException.class)
        .hasMessageContaining("invalid_client")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void codeFlow_privateKeyJwtClient_aliceSignedIn() throws Exception {
    ClientAuthentication client =
        ClientAuthentication.privateKeyJwt(CLIENT, key("client-rsa.pem", "rsa-1"));
    try (Browser browser = Browser.start()) {
      ChromiumLauncher launcher = new ChromiumLauncher(browser, Person.alice()::signsInAtLoopback);
      BrowserLogin login =
          launcher.build(BrowserLogin.builder().issuer(Lab.issuer()).client(client));
      LoginResult result = launcher.login(login);
      assertThat(result.identity().orElseThrow().email()).contains(Lab.ALICE_EMAIL);
      assertThat(azp(result.tokens())).isEqualTo(CLIENT);
    }
  }
}
