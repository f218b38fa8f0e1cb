package dev.lanyard.it.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.ProviderUnreachableException;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.grant.Grant;
import dev.lanyard.it.support.Keycloak;
import dev.lanyard.it.support.TinyProxy;
import dev.lanyard.session.TokenSession;
import dev.lanyard.transport.EnvironmentTransport;
import dev.lanyard.transport.Transport;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proxies and private CAs, for real: Keycloak's HTTPS listener (a certificate from the build's test
 * CA) reached through Debian's tinyproxy with CONNECT, a plain-http issuer through the same proxy,
 * a NO_PROXY exemption, a second tinyproxy that asks for Basic credentials, and the one-line errors
 * for CA bundles that are missing, unreadable, not PEM, or of the wrong CA. The library through
 * {@link EnvironmentTransport}, the command line through the real launcher.
 */
class ProxyAndCaTest {
  private static final String PROXY_USER = "lab";
  // tinyproxy's configuration takes letters, digits, '-' and '_' only; percent-encoding in the URL
  // is still exercised.
  private static final String PROXY_PASSWORD = "s3cret-pw";
  private static final String PROXY_PASSWORD_ENCODED = "s3cret%2Dpw";

  @TempDir static Path proxies;
  private static Keycloak kc;
  private static TinyProxy open;
  private static TinyProxy guarded;

  @BeforeAll
  static void start() {
    kc = Keycloak.get();
    open = TinyProxy.start(proxies.resolve("open"), null, null);
    guarded = TinyProxy.start(proxies.resolve("guarded"), PROXY_USER, PROXY_PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (open != null) {
      open.close();
    }
    if (guarded != null) {
      guarded.close();
    }
  }

  private static String connectLine() {
    return "CONNECT 127.0.0.1:" + kc.httpsPort();
  }

  private static TokenSession serviceSession(String tokenEndpoint, Transport transport) {
    return TokenSession.builder()
        .tokenEndpoint(URI.create(tokenEndpoint))
        .client(
            ClientAuthentication.secretBasic(
                Keycloak.CLIENT_SERVICE, Keycloak.CLIENT_SERVICE_SECRET))
        .grant(Grant.clientCredentials())
        .transport(transport)
        .build();
  }

  @Test
  void library_httpsIssuerThroughProxy_connectTunnel_privateCaTrusted() throws Exception {
    long before = open.count(connectLine());
    Transport t =
        EnvironmentTransport.of(
                Map.of(
                    "HTTPS_PROXY", open.url(null),
                    "LANYARD_CA_FILE", kc.testCa().caPem().toString()))
            .transport();

    assertThat(serviceSession(kc.httpsTokenEndpoint(), t).token().accessToken()).isNotEmpty();
    assertThat(open.count(connectLine())).as(open.log()).isEqualTo(before + 1);
  }

  @Test
  void library_plainHttpIssuer_httpProxy_forwardsTheRequest() throws Exception {
    Transport t = EnvironmentTransport.of(Map.of("HTTP_PROXY", open.url(null))).transport();
    // A token request, not discovery: discovery documents are cached per issuer in this JVM,
    // so an earlier test's discovery would answer without any request.
    String tokenPath = kc.tokenEndpoint().substring("http://".length());
    long before = open.count(tokenPath);

    assertThat(serviceSession(kc.tokenEndpoint(), t).token().accessToken()).isNotEmpty();

    // tinyproxy writes its log line as it forwards; wait for it, with a deadline
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (open.count(tokenPath) == before && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(open.count(tokenPath)).as(open.log()).isGreaterThan(before);
  }

  @Test
  void library_noProxyExemption_goesDirect() throws Exception {
    long before = open.count(connectLine());
    Transport t =
        EnvironmentTransport.of(
                Map.of(
                    "HTTPS_PROXY", open.url(null),
                    "NO_PROXY", "example.org, 127.0.0.1:" + kc.httpsPort(),
                    "LANYARD_CA_FILE", kc.testCa().caPem().toString()))
            .transport();

    assertThat(serviceSession(kc.httpsTokenEndpoint(), t).token().accessToken()).isNotEmpty();
    assertThat(open.count(connectLine())).isEqualTo(before);
  }

  @Test
  void library_withoutTheCaBundle_handshakeFails() throws Exception {
    Transport t = EnvironmentTransport.of(Map.of("HTTPS_PROXY", open.url(null))).transport();
    assertThatThrownBy(() -> serviceSession(kc.httpsTokenEndpoint(), t).token())
        .isInstanceOf(ProviderUnreachableException.class)
        .hasMessageContaining("https://127.0.0.1:" + kc.httpsPort());
  }

  // ------------------------------------------------------------------ the command line

  private Launcher cli(Path tmp) {
    return new Launcher(tmp).env("SERVICE_SECRET", Keycloak.CLIENT_SERVICE_SECRET);
  }

  private static Run login(Launcher lanyard) {
    return lanyard.run(
        "login",
        "--flow",
        "client-credentials",
        "--token-endpoint",
        kc.httpsTokenEndpoint(),
        "--client-id",
        Keycloak.CLIENT_SERVICE,
        "--client-secret-env",
        "SERVICE_SECRET");
  }

  @Test
  void cli_proxyWithCredentials_tunnelsWithBasic_statusShowsProxyAndCa(@TempDir Path tmp) {
    String proxyUrl = guarded.url(PROXY_USER + ":" + PROXY_PASSWORD_ENCODED);
    Launcher lanyard =
        cli(tmp)
            .env("HTTPS_PROXY", proxyUrl)
            .env("LANYARD_CA_FILE", kc.testCa().caPem().toString());
    long before = guarded.count(connectLine());

    Run r = login(lanyard);

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(guarded.count(connectLine())).as(guarded.log()).isGreaterThan(before);
    Run status = lanyard.run("status", "--verbose");
    assertThat(status.out())
        .as(status.toString())
        .contains("proxy:      http://lab:***@127.0.0.1:" + guarded.port() + " (HTTPS_PROXY)")
        .contains(
            "CA bundle:  " + kc.testCa().caPem() + " (LANYARD_CA_FILE), and the JDK's defaults")
        .doesNotContain(PROXY_PASSWORD_ENCODED);
  }

  @Test
  void cli_proxyWithoutCredentials_oneLineSaying407(@TempDir Path tmp) {
    Launcher lanyard =
        cli(tmp)
            .env("HTTPS_PROXY", guarded.url(null))
            .env("LANYARD_CA_FILE", kc.testCa().caPem().toString());

    Run r = login(lanyard);

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.errLines())
        .as(r.toString())
        .singleElement()
        .asString()
        .isEqualTo(
            "lanyard: the token endpoint is behind a proxy that asks for credentials (HTTP 407);"
                + " put them in the proxy URL: http://user:password@host:port, percent-encoded");
  }

  @Test
  void cli_caBundleOfAnotherCa_handshakeLineNamesHostAndCaFileOption(@TempDir Path tmp) {
    Launcher lanyard =
        cli(tmp)
            .env("HTTPS_PROXY", open.url(null))
            .env("LANYARD_CA_FILE", kc.testCa().otherCaPem().toString());

    Run r = login(lanyard);

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.errLines())
        .as(r.toString())
        .singleElement()
        .asString()
        .contains("https://127.0.0.1:" + kc.httpsPort())
        .contains("the server's certificate is not signed by a trusted CA")
        .contains("set ca_file in the profile");
  }

  @Test
  void cli_caBundleMissingFolderOrNotPem_oneLineEach(@TempDir Path tmp) throws Exception {
    Path missing = tmp.resolve("missing.pem");
    Path folder = Files.createDirectories(tmp.resolve("folder.pem"));
    Path junk = Files.writeString(tmp.resolve("junk.pem"), "not a certificate\n");
    Map<Path, String> expected =
        Map.of(
            missing, "does not exist",
            folder, "is a folder, not a PEM file",
            junk, "holds no PEM certificate");
    for (Map.Entry<Path, String> e : expected.entrySet()) {
      Run r =
          login(
              cli(tmp.resolve("run-" + e.getKey().getFileName()))
                  .env("LANYARD_CA_FILE", e.getKey().toString()));
      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      assertThat(r.errLines())
          .as(r.toString())
          .containsExactly(
              "lanyard: CA bundle " + e.getKey() + " (from LANYARD_CA_FILE) " + e.getValue());
    }
  }
}
