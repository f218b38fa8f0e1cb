package dev.lanyard.it.cli;

import static dev.lanyard.it.cli.KeycloakLab.issuer;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.it.support.KeyFiles;
import dev.lanyard.it.support.Keycloak;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./lanyard} with strong clients: private_key_jwt from an owner-only key file, DPoP-bound
 * tokens whose header format prints both lines a request needs, and bad key files refused before
 * any request.
 */
class StrongClientsTest {

  private static Run keyLogin(Launcher lanyard, Path keyFile, String kid) {
    return lanyard.run(
        "login",
        "--flow",
        "client-credentials",
        "--issuer",
        issuer(),
        "--client-id",
        "service-jwt",
        "--client-auth",
        "private-key-jwt",
        "--client-key-file",
        keyFile.toString(),
        "--client-key-id",
        kid);
  }

  @Test
  void privateKeyJwt_login_profileNamesTheKeyFile_tokenRenewsByItself(@TempDir Path tmp)
      throws Exception {
    Launcher lanyard = new Launcher(tmp);
    Path key = KeyFiles.ownerOnly(Files.createDirectories(tmp.resolve("keys")), "client-ec.pem");

    Run r = keyLogin(lanyard, key, "ec-1");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(Files.readString(lanyard.configFile()))
        .contains("client_auth: private-key-jwt")
        .contains("client_key_file: " + key)
        .contains("client_key_id: ec-1");
    String token = lanyard.run("token", "--min-valid", "10m").out().strip();
    assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("azp"))
        .isEqualTo("service-jwt");
  }

  @Test
  void privateKeyJwt_keyFileOpenToOthers_usageErrorBeforeAnyRequest(@TempDir Path tmp)
      throws Exception {
    Launcher lanyard = new Launcher(tmp);
    Path key = KeyFiles.ownerOnly(Files.createDirectories(tmp.resolve("keys")), "client-ec.pem");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    int logins = Keycloak.get().countEvents("CLIENT_LOGIN");

    Run r = keyLogin(lanyard, key, "ec-1");

    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines())
        .singleElement()
        .asString()
        .contains("is open to other users")
        .contains("chmod 600");
    assertThat(Keycloak.get().countEvents("CLIENT_LOGIN")).isEqualTo(logins);
  }

  @Test
  void privateKeyJwt_malformedKeyFile_usageError(@TempDir Path tmp) throws Exception {
    Launcher lanyard = new Launcher(tmp);
    Path key = tmp.resolve("bad.pem");
    Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----\n");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));

    Run r = keyLogin(lanyard, key, "ec-1");

    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString().contains("client key file " + key);
  }

  @Test
  void dpop_login_headerFormatPrintsBothLines_userinfoAcceptsThem_statusShowsTheBinding(
      @TempDir Path tmp) throws Exception {
    Launcher lanyard = new Launcher(tmp);
    KeycloakLab.signInAlice(lanyard, "cli-dpop", "--dpop", "--scope", "openid email");
    assertThat(Files.readString(lanyard.configFile())).contains("dpop: true");

    String userinfo = Keycloak.get().userinfoEndpoint();
    Run header = lanyard.run("token", "--format", "header", "--method", "GET", "--url", userinfo);
    assertThat(header.code()).as(header.toString()).isZero();
    List<String> lines = header.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("Authorization: DPoP ey");
    assertThat(lines.get(1)).startsWith("DPoP: ey");
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(userinfo));
    for (String line : lines) {
      int colon = line.indexOf(": ");
      request.header(line.substring(0, colon), line.substring(colon + 2));
    }
    HttpResponse<String> answer =
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.body()).contains(KeycloakLab.ALICE_EMAIL);

    Run noUrl = lanyard.run("token", "--format", "header");
    assertThat(noUrl.code()).isEqualTo(2);
    assertThat(noUrl.out()).isEmpty();
    assertThat(noUrl.err()).contains("--method and --url");

    Run status = lanyard.run("status", "--json");
    @SuppressWarnings("unchecked")
    Map<String, Object> profile =
        ((List<Map<String, Object>>) status.json().get("profiles")).get(0);
    assertThat((String) profile.get("dpop_jkt")).isNotBlank();
    assertThat(lanyard.run("status").out())
        .contains("DPoP, key thumbprint " + profile.get("dpop_jkt"));

    // The token file is the only memory of the key: a new process refreshes with it.
    Run renewed = lanyard.run("token", "--force-refresh");
    assertThat(renewed.code()).as(renewed.toString()).isZero();
    assertThat(SignedJWT.parse(renewed.out().strip()).getJWTClaimsSet().getJSONObjectClaim("cnf"))
        .containsEntry("jkt", profile.get("dpop_jkt"));
  }

  @Test
  void tlsClientAuth_login_certificateBoundServiceToken(@TempDir Path tmp) throws Exception {
    Path trustStore = tmp.resolve("trust.p12");
    java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (var in = Files.newInputStream(Keycloak.get().testCa().caPem())) {
      trust.setCertificateEntry(
          "keycloak",
          java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    try (var out = Files.newOutputStream(trustStore)) {
      trust.store(out, "changeit".toCharArray());
    }
    Launcher lanyard =
        new Launcher(tmp)
            .env(
                "JAVA_TOOL_OPTIONS",
                "-Djavax.net.ssl.trustStore="
                    + trustStore
                    + " -Djavax.net.ssl.trustStorePassword=changeit"
                    + " -Djavax.net.ssl.trustStoreType=PKCS12");
    Path key = tmp.resolve("client-key.pem");
    Files.copy(Keycloak.tlsFile("client-key.pem"), key);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    String tokenEndpoint =
        Keycloak.get().httpsBaseUri() + "/realms/lab/protocol/openid-connect/token";

    Run r =
        lanyard.run(
            "login",
            "--flow",
            "client-credentials",
            "--issuer",
            issuer(),
            "--token-endpoint",
            tokenEndpoint,
            "--client-id",
            "service-mtls",
            "--client-auth",
            "tls",
            "--client-cert-file",
            Keycloak.tlsFile("client-cert.pem").toString(),
            "--client-key-file",
            key.toString());

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(Files.readString(lanyard.configFile())).contains("client_auth: tls");
    Run token = lanyard.run("token", "--min-valid", "10m");
    assertThat(token.code()).as(token.toString()).isZero();
    Map<String, Object> cnf =
        SignedJWT.parse(token.out().strip()).getJWTClaimsSet().getJSONObjectClaim("cnf");
    assertThat(cnf).containsKey("x5t#S256");
  }
}
