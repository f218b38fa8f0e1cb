package dev.lanyard.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentTransportTest {
  @TempDir Path dir;

  private static EnvironmentProxySelector selector(Map<String, String> env) throws IOException {
    Transport t = EnvironmentTransport.of(env).transport();
    return (EnvironmentProxySelector) t.httpClient().proxy().orElseThrow();
  }

  @Test
  void applyTo_nothingSet_theBaseItself_elseACopyWithTheProxy() throws IOException {
    Transport base = Transport.builder().maxRetries(0).build();
    assertThat(EnvironmentTransport.of(Map.of()).applyTo(base)).isSameAs(base);
    Transport proxied =
        EnvironmentTransport.of(Map.of("HTTPS_PROXY", "http://proxy.example:3128")).applyTo(base);
    assertThat(proxied.maxRetries()).as("the base's settings kept").isZero();
    assertThat(proxied.httpClient().proxy()).isPresent();
    assertThat(base.httpClient().proxy()).isEmpty();
  }

  @Test
  void httpsProxy_forHttpsOnly_httpProxy_forHttpOnly() throws IOException {
    EnvironmentProxySelector s =
        selector(Map.of("HTTPS_PROXY", "http://secure:3128", "HTTP_PROXY", "plain:8080"));
    assertThat(s.select(URI.create("https://id.example.org/token")))
        .containsExactly(
            new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("secure", 3128)));
    assertThat(s.select(URI.create("http://id.example.org/token")))
        .containsExactly(
            new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("plain", 8080)));
  }

  @Test
  void lowerCase_winsOverUpperCase_emptyIgnored() throws IOException {
    EnvironmentProxySelector s =
        selector(Map.of("https_proxy", "http://lower:1", "HTTPS_PROXY", "http://upper:2"));
    assertThat(s.proxyFor(URI.create("https://x/")).orElseThrow().host()).isEqualTo("lower");
    EnvironmentProxySelector s2 =
        selector(Map.of("https_proxy", " ", "HTTPS_PROXY", "http://upper:2"));
    assertThat(s2.proxyFor(URI.create("https://x/")).orElseThrow().host()).isEqualTo("upper");
  }

  @Test
  void noProxy_exemptsHost_describedAsDirect() {
    EnvironmentTransport e =
        EnvironmentTransport.of(
            Map.of("HTTPS_PROXY", "http://proxy:3128", "NO_PROXY", "localhost,.corp.example"));
    assertThat(e.describeProxy(URI.create("https://id.corp.example/realms/x")))
        .isEqualTo("direct (no_proxy: .corp.example)");
    assertThat(e.describeProxy(URI.create("https://id.example.org/")))
        .isEqualTo("http://proxy:3128 (HTTPS_PROXY)");
    assertThat(e.describeProxy(URI.create("http://id.example.org/"))).isEqualTo("direct");
  }

  @Test
  void credentials_decoded_sentAsProxyAuthorization_neverShown() throws Exception {
    Map<String, String> env =
        Map.of("HTTPS_PROXY", "http://ann%40lab:p%3Ass+w@proxy:3128", "NO_PROXY", "direct.example");
    EnvironmentTransport e = EnvironmentTransport.of(env);
    assertThat(e.describeProxy(URI.create("https://x/")))
        .isEqualTo("http://ann@lab:***@proxy:3128 (HTTPS_PROXY)")
        .doesNotContain("p:ss");
    assertThat(e.toString()).doesNotContain("p:ss");
    assertThat(e.needsBasicTunnelling()).isTrue();
    Transport t = e.transport();
    HttpRequest viaProxy =
        t.prepare(HttpRequest.newBuilder(URI.create("https://id.example/t")).build());
    String expected =
        "Basic "
            + Base64.getEncoder().encodeToString("ann@lab:p:ss+w".getBytes(StandardCharsets.UTF_8));
    assertThat(viaProxy.headers().firstValue("Proxy-Authorization")).contains(expected);
    HttpRequest direct = HttpRequest.newBuilder(URI.create("https://direct.example/t")).build();
    assertThat(t.prepare(direct)).as("no proxy, no proxy credentials").isSameAs(direct);
    HttpRequest plain = HttpRequest.newBuilder(URI.create("http://id.example/t")).build();
    assertThat(t.prepare(plain)).as("no http proxy set").isSameAs(plain);
    assertThat(t.httpClient().authenticator())
        .as("no JDK authenticator: 401s stay answers")
        .isEmpty();
  }

  @Test
  void unsupportedProxyScheme_namesTheVariable_notTheSecret() {
    assertThatThrownBy(() -> EnvironmentTransport.of(Map.of("HTTPS_PROXY", "socks5://u:pw@p:1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "HTTPS_PROXY: proxy scheme 'socks5' is not supported (Java's HTTP client speaks to"
                + " http:// proxies only)");
  }

  @Test
  void nothingSet_transportUnchanged() throws IOException {
    EnvironmentTransport e = EnvironmentTransport.of(Map.of());
    assertThat(e.isEmpty()).isTrue();
    assertThat(e.describeCaFile()).isEqualTo("the JDK's default trust store");
    Transport t = e.transport();
    assertThat(t.httpClient().proxy()).isEmpty();
    assertThat(t.httpClient().authenticator()).isEmpty();
  }

  @Test
  void caFile_fromLanyardVariable_beforeSslCertFile_profileWins() throws IOException {
    Path pem = testCa();
    EnvironmentTransport e =
        EnvironmentTransport.of(
            Map.of("LANYARD_CA_FILE", pem.toString(), "SSL_CERT_FILE", "/nonexistent.pem"));
    assertThat(e.caFile()).contains(pem);
    assertThat(e.describeCaFile()).isEqualTo(pem + " (LANYARD_CA_FILE), and the JDK's defaults");
    assertThat(e.transport().httpClient().sslContext().getProtocol()).isEqualTo("TLS");
    EnvironmentTransport p = e.withCaFile(pem, "ca_file").trustOnlyCaFile();
    assertThat(p.describeCaFile()).isEqualTo(pem + " (ca_file), only");
    assertThat(EnvironmentTransport.of(Map.of("SSL_CERT_FILE", pem.toString())).describeCaFile())
        .startsWith(pem + " (SSL_CERT_FILE)");
  }

  @Test
  void caFile_missing_oneLine() {
    Path missing = dir.resolve("nope.pem");
    assertThatThrownBy(
            () ->
                EnvironmentTransport.of(Map.of("LANYARD_CA_FILE", missing.toString())).transport())
        .isInstanceOf(IOException.class)
        .hasMessage("CA bundle " + missing + " (from LANYARD_CA_FILE) does not exist");
  }

  @Test
  void caFile_folder_oneLine() {
    assertThatThrownBy(
            () -> EnvironmentTransport.of(Map.of()).withCaFile(dir, "ca_file").transport())
        .isInstanceOf(IOException.class)
        .hasMessage("CA bundle " + dir + " (from ca_file) is a folder, not a PEM file");
  }

  @Test
  void caFile_notPem_oneLine() throws IOException {
    Path junk = Files.writeString(dir.resolve("junk.pem"), "this is not a certificate\n");
    Path empty = Files.writeString(dir.resolve("empty.pem"), "");
    for (Path p : List.of(junk, empty)) {
      assertThatThrownBy(
              () -> EnvironmentTransport.of(Map.of("SSL_CERT_FILE", p.toString())).transport())
          .isInstanceOf(IOException.class)
          .hasMessage("CA bundle " + p + " (from SSL_CERT_FILE) holds no PEM certificate");
    }
  }

  private Path testCa() throws IOException {
    try (var in = getClass().getResourceAsStream("test-ca.pem")) {
      Path p = dir.resolve("ca.pem");
      Files.write(p, in.readAllBytes());
      return p;
    }
  }
}
