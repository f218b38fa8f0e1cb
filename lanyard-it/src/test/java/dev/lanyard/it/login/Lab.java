package dev.lanyard.it.login;

import com.nimbusds.jose.JWSObject;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.it.support.Keycloak;
import dev.lanyard.login.BrowserLogin;
import dev.lanyard.login.DeviceLogin;
import dev.lanyard.login.LoopbackOptions;
import dev.lanyard.provider.ProviderMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shorthands for the sign-in tests against realm {@code lab} (keycloak/realm-lab.json). */
final class Lab {
  static final String ALICE_EMAIL = "alice@example.org";
  static final String BOB_EMAIL = "bob@example.org";

  /** A public client like {@code cli} whose sign-ins ask the person for consent. */
  static final String CLI_CONSENT = "cli-consent";

  /** Long enough for Keycloak and Chromium on a busy two-core machine, short enough to fail. */
  static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(60);

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private Lab() {}

  static URI issuer() {
    return URI.create(Keycloak.get().issuer());
  }

  static ProviderMetadata provider() throws IOException {
    return ProviderMetadata.discover(issuer());
  }

  static BrowserLogin.Builder browserLogin(String clientId) {
    return BrowserLogin.builder()
        .issuer(issuer())
        .client(ClientAuthentication.none(clientId))
        .loopback(loopbackOptions());
  }

  /** The loopback options of {@link #browserLogin}: the test timeout, nothing printed. */
  static LoopbackOptions loopbackOptions() {
    return LoopbackOptions.defaults().withTimeout(LOGIN_TIMEOUT).withPrinter(line -> {});
  }

  static DeviceLogin.Builder deviceLogin(String clientId) {
    return DeviceLogin.builder()
        .issuer(issuer())
        .client(ClientAuthentication.none(clientId))
        .timeout(LOGIN_TIMEOUT);
  }

  /** A plain GET, as anyone on this machine could send it; no redirects followed. */
  static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Keycloak's userinfo answer for this access token. */
  static HttpResponse<String> userinfo(TokenSet tokens) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(Keycloak.get().userinfoEndpoint()))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", tokens.authorizationHeader())
            .GET()
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The decoded query parameters of a URL, e.g. an authorization URL. */
  static Map<String, String> query(URI uri) {
    Map<String, String> params = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(decode(name), decode(value));
    }
    return params;
  }

  /** The {@code redirect_uri} an authorization URL names. */
  static URI redirectUri(URI authorizationUrl) {
    return URI.create(query(authorizationUrl).get("redirect_uri"));
  }

  /** The key id in a JWT's header. */
  static String kid(String jwt) {
    try {
      return JWSObject.parse(jwt).getHeader().getKeyID();
    } catch (ParseException e) {
      throw new AssertionError("not a JWS", e);
    }
  }

  /** A port that was free a moment ago (the test's own probe; Lanyard never does this). */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, loopback())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when this process can listen on 127.0.0.1:port right now. */
  static boolean canBind(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, loopback())) {
      return s.getLocalPort() == port;
    } catch (IOException e) {
      return false;
    }
  }

  static InetAddress loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
