package dev.lanyard.it.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.Scope;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.client.ClientCertificate;
import dev.lanyard.grant.Grant;
import dev.lanyard.http.AuthenticatedHttpClient;
import dev.lanyard.http.RequestAuthorizer;
import dev.lanyard.it.support.Keycloak;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.session.TokenSession;
import dev.lanyard.transport.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS (RFC 8705) at Keycloak's HTTPS port: client {@code service-mtls} authenticates with
 * its certificate ({@code tls_client_auth}) and gets certificate-bound tokens, which userinfo
 * accepts only over a connection presenting that certificate.
 */
class MutualTlsTest {
  private static final String CLIENT = "service-mtls";

  @TempDir Path dir;
  private ClientCertificate certificate;
  private SSLContext tls;

  @BeforeEach
  void certificate() throws Exception {
    Path key = dir.resolve("client-key.pem");
    Files.copy(Keycloak.tlsFile("client-key.pem"), key);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    certificate = ClientCertificate.load(Keycloak.tlsFile("client-cert.pem"), key);
    tls = certificate.sslContext(Keycloak.get().testCa().caPem());
  }

  private static URI https(String path) {
    return Keycloak.get().httpsBaseUri().resolve("/realms/lab/protocol/openid-connect/" + path);
  }

  private TokenSession session(ClientAuthentication client, SSLContext context) {
    return TokenSession.builder()
        .provider(
            ProviderMetadata.builder(https("token"))
                .issuer(URI.create(Keycloak.get().issuer()))
                .build())
        .client(client)
        // openid: Keycloak's userinfo serves only tokens with that scope.
        .grant(Grant.clientCredentials(Scope.of("openid")))
        .transport(Transport.builder().sslContext(context).build())
        .build();
  }

  @Test
  void clientCredentials_tlsClientAuth_tokenBoundToTheCertificate_userinfoNeedsIt()
      throws Exception {
    TokenSet tokens = session(ClientAuthentication.tlsClientAuth(CLIENT), tls).token();

    assertThat(SignedJWT.parse(tokens.accessToken()).getJWTClaimsSet().getJSONObjectClaim("cnf"))
        .containsEntry("x5t#S256", certificate.thumbprint());

    HttpRequest userinfo = HttpRequest.newBuilder(https("userinfo")).build();
    TokenSession bound = session(ClientAuthentication.tlsClientAuth(CLIENT), tls);
    AuthenticatedHttpClient withCertificate =
        AuthenticatedHttpClient.of(
            HttpClient.newBuilder().sslContext(tls).build(), RequestAuthorizer.bearer(bound));
    assertThat(withCertificate.send(userinfo, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);

    // The same token over a connection without the certificate: refused.
    SSLContext trustOnly = SSLContext.getInstance("TLS");
    javax.net.ssl.TrustManagerFactory tmf =
        javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry(
        "server",
        java.security.cert.CertificateFactory.getInstance("X.509")
            .generateCertificate(Files.newInputStream(Keycloak.get().testCa().caPem())));
    tmf.init(trust);
    trustOnly.init(null, tmf.getTrustManagers(), null);
    HttpResponse<String> stolen =
        HttpClient.newBuilder()
            .sslContext(trustOnly)
            .build()
            .send(
                HttpRequest.newBuilder(https("userinfo"))
                    .header("Authorization", tokens.authorizationHeader())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(stolen.statusCode()).isEqualTo(401);

    // And without a certificate there is no token at all.
    assertThatThrownBy(() -> session(ClientAuthentication.tlsClientAuth(CLIENT), trustOnly).token())
        .isInstanceOf(ProviderErrorException.class)
        .hasMessageContaining("invalid_client");
  }

  /**
   * Userinfo with a certificate-bound token through OkHttp and HttpClient 5 on the same context.
   */
  @Test
  void boundToken_okHttpAndHttpClient5_presentTheCertificate() throws Exception {
    TokenSession session = session(ClientAuthentication.tlsClientAuth(CLIENT), tls);
    RequestAuthorizer bearer = RequestAuthorizer.bearer(session);
    javax.net.ssl.TrustManagerFactory tmf =
        javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (var in = Files.newInputStream(Keycloak.get().testCa().caPem())) {
      trust.setCertificateEntry(
          "server",
          java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    tmf.init(trust);
    okhttp3.OkHttpClient ok =
        dev.lanyard.okhttp.LanyardOkHttp.install(
                new okhttp3.OkHttpClient.Builder()
                    .sslSocketFactory(
                        tls.getSocketFactory(),
                        (javax.net.ssl.X509TrustManager) tmf.getTrustManagers()[0]),
                bearer)
            .build();
    try (okhttp3.Response r =
        ok.newCall(new okhttp3.Request.Builder().url(https("userinfo").toString()).build())
            .execute()) {
      assertThat(r.code()).isEqualTo(200);
    } finally {
      ok.dispatcher().executorService().shutdown();
      ok.connectionPool().evictAll();
    }

    try (org.apache.hc.client5.http.impl.classic.CloseableHttpClient hc =
        dev.lanyard.httpclient5.LanyardHttpClient5.install(
                org.apache.hc.client5.http.impl.classic.HttpClients.custom()
                    .setConnectionManager(
                        org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder
                            .create()
                            .setTlsSocketStrategy(
                                new org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy(tls))
                            .build()),
                bearer)
            .build()) {
      int status =
          hc.execute(
              new org.apache.hc.client5.http.classic.methods.HttpGet(https("userinfo")),
              r -> r.getCode());
      assertThat(status).isEqualTo(200);
    }
  }
}
