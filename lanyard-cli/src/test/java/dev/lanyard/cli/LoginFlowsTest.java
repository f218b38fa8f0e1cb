package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.TokenSet;
import dev.lanyard.cli.Cli.Run;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The non-interactive flows of {@code lanyard login}, against a scripted provider. */
class LoginFlowsTest {
  private static final String SECRET = "s3cr3t-client-value";
  private static final String PASSWORD = "pa55-word-value";
  private static final String TOKENS =
      "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":300,"
          + "\"refresh_token\":\"rt-1\",\"refresh_expires_in\":1800,\"scope\":\"openid api\"}";

  @TempDir Path dir;
  private Cli cli;
  private FakeProvider provider;

  @BeforeEach
  void setUp() throws Exception {
    cli = new Cli(dir);
    provider = new FakeProvider();
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  @Test
  void clientCredentials_storesTokens_secretFromNamedVariable() throws Exception {
    provider.answer("/token", 200, TOKENS);
    cli.var("CI_SECRET", SECRET);

    Run r =
        cli.run(
            "login",
            "--flow",
            "client-credentials",
            "--issuer",
            provider.issuer(),
            "--client-id",
            "ci",
            "--client-secret-env",
            "CI_SECRET",
            "--scope",
            "api");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).contains("Signed in as client ci (profile default)");
    RecordedRequest req = provider.requestsTo("/token").get(0);
    assertThat(FakeProvider.body(req))
        .contains("grant_type=client_credentials")
        .contains("scope=api");
    assertThat(req.getHeaders().get("Authorization")).startsWith("Basic ");
    assertThat(cli.config()).contains("client_secret_env: CI_SECRET").doesNotContain(SECRET);
    assertThat(cli.run("token").out()).isEqualTo("at-1\n");
    assertThat(r.err()).doesNotContain(SECRET).doesNotContain("at-1").doesNotContain("rt-1");
  }

  @Test
  void clientCredentials_withoutSecret_usageError() {
    Run r =
        cli.run(
            "login",
            "--flow",
            "client-credentials",
            "--issuer",
            provider.issuer(),
            "--client-id",
            "ci");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("client-credentials needs the client secret");
  }

  @Test
  void clientCredentials_tokenRenewsByItself_whenExpired() throws Exception {
    provider.answer("/token", 200, TOKENS.replace("\"refresh_token\":\"rt-1\",", ""));
    cli.var("LANYARD_CLIENT_SECRET", SECRET);
    cli.run(
        "login",
        "--flow",
        "client-credentials",
        "--issuer",
        provider.issuer(),
        "--client-id",
        "ci");
    StoredTokens.store(cli, "default", provider.issuer(), "ci")
        .save(StoredTokens.valid("old", -10, null));
    provider.answer("/token", 200, TOKENS.replace("at-1", "at-2"));

    Run token = cli.run("token");

    assertThat(token.code()).as(token.toString()).isZero();
    assertThat(token.out()).isEqualTo("at-2\n");
  }

  @Test
  void password_fromEnvironment_withOneTimeCodeOnArgv_warns() throws Exception {
    provider.answer("/token", 200, TOKENS);
    cli.var("LANYARD_PASSWORD", PASSWORD);

    Run r =
        cli.run(
            "login",
            "--flow",
            "password",
            "--issuer",
            provider.issuer(),
            "--client-id",
            "lab-cli",
            "--username",
            "ada",
            "--totp",
            "123456");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).contains("warning: a one-time code on the command line");
    assertThat(r.err()).contains("Signed in as ada (profile default)");
    String form = FakeProvider.body(provider.requestsTo("/token").get(0));
    assertThat(form)
        .contains("grant_type=password")
        .contains("username=ada")
        .contains("totp=123456")
        .contains("scope=openid")
        .contains("client_id=lab-cli");
    assertThat(r.err()).doesNotContain(PASSWORD);
    assertThat(cli.config()).contains("username: ada").doesNotContain(PASSWORD);
  }

  @Test
  void password_noPasswordAnywhere_usageError() {
    Run r =
        cli.run(
            "login",
            "--flow",
            "password",
            "--issuer",
            provider.issuer(),
            "--client-id",
            "lab-cli",
            "--username",
            "ada");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no password: set LANYARD_PASSWORD");
  }

  @Test
  void password_providerRefuses_showsTheProvidersError() {
    provider.answer(
        "/token",
        401,
        "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid user credentials\"}");
    cli.var("LANYARD_PASSWORD", PASSWORD);

    Run r =
        cli.run(
            "login",
            "--flow",
            "password",
            "--issuer",
            provider.issuer(),
            "--client-id",
            "lab-cli",
            "--username",
            "ada");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err())
        .startsWith("lanyard: ")
        .contains("invalid_grant")
        .contains("Invalid user credentials")
        .doesNotContain(PASSWORD);
  }

  @Test
  void refreshToken_fromStdin_explicitTokenEndpoint_noDiscovery() throws Exception {
    provider.answer("/token", 200, TOKENS);

    Run r =
        cli.runWithInput(
            "rt-from-elsewhere\n",
            "login",
            "--flow",
            "refresh-token",
            "--token-endpoint",
            provider.issuer() + "/token",
            "--client-id",
            "lab-cli");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(FakeProvider.body(provider.requestsTo("/token").get(0)))
        .contains("grant_type=refresh_token")
        .contains("refresh_token=rt-from-elsewhere");
    assertThat(provider.requests).hasSize(1); // no discovery
    assertThat(r.err()).doesNotContain("rt-from-elsewhere");
    TokenSet stored =
        StoredTokens.store(cli, "default", provider.issuer() + "/token", "lab-cli")
            .load()
            .orElseThrow();
    assertThat(stored.refreshToken()).contains("rt-1");
  }

  @Test
  void token_refreshesWithTheStoredRefreshToken() throws Exception {
    cli.run(
        "profile",
        "set",
        "default",
        "issuer=" + provider.issuer(),
        "client_id=lab-cli",
        "flow=device");
    StoredTokens.store(cli, "default", provider.issuer(), "lab-cli")
        .save(StoredTokens.valid("at-old", -5, "rt-old"));
    provider.answer("/token", 200, TOKENS);

    Run token = cli.run("token", "--format", "header");

    assertThat(token.code()).as(token.toString()).isZero();
    assertThat(token.out()).isEqualTo("Authorization: Bearer at-1\n");
    assertThat(FakeProvider.body(provider.requestsTo("/token").get(0)))
        .contains("grant_type=refresh_token")
        .contains("refresh_token=rt-old");
  }

  @Test
  void token_refreshTokenRefused_exit3() throws Exception {
    cli.run(
        "profile",
        "set",
        "default",
        "issuer=" + provider.issuer(),
        "client_id=lab-cli",
        "flow=browser");
    StoredTokens.store(cli, "default", provider.issuer(), "lab-cli")
        .save(StoredTokens.valid("at-old", -5, "rt-old"));
    provider.answer(
        "/token",
        400,
        "{\"error\":\"invalid_grant\",\"error_description\":\"Session not active\"}");

    Run token = cli.run("token");

    assertThat(token.code()).isEqualTo(3);
    assertThat(token.out()).isEmpty();
    assertThat(token.err()).contains("Session not active").contains("lanyard login");
  }

  @Test
  void device_showsCodeAndLinks_noQrWithoutTerminal() {
    provider.answer(
        "/device",
        200,
        "{\"device_code\":\"dc-1\",\"user_code\":\"WDJB-MJHT\","
            + "\"verification_uri\":\"https://id.example.org/device\","
            + "\"verification_uri_complete\":\"https://id.example.org/device?user_code=WDJB-MJHT\","
            + "\"expires_in\":600,\"interval\":1}");
    provider.answer("/token", 400, "{\"error\":\"authorization_pending\"}");
    provider.answer("/token", 200, TOKENS);

    Run r =
        cli.run(
            "login", "--flow", "device", "--issuer", provider.issuer(), "--client-id", "lab-cli");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err())
        .contains("https://id.example.org/device")
        .contains("WDJB-MJHT")
        .contains("https://id.example.org/device?user_code=WDJB-MJHT")
        .contains("Waiting for you to approve until")
        .doesNotContain("█")
        .doesNotContain("\033[");
    assertThat(r.err()).contains("Signed in as lab-cli user (profile default)");
    assertThat(cli.run("token").out()).isEqualTo("at-1\n");
  }

  @Test
  void device_onTerminal_drawsQrCodeAndColours() {
    provider.answer(
        "/device",
        200,
        "{\"device_code\":\"dc-1\",\"user_code\":\"WDJB-MJHT\","
            + "\"verification_uri\":\"https://id.example.org/device\","
            + "\"verification_uri_complete\":\"https://id.example.org/device?user_code=WDJB-MJHT\","
            + "\"expires_in\":600,\"interval\":1}");
    provider.answer("/token", 200, TOKENS);
    cli.env(e -> e.withTerminals(false, false, true));

    Run r =
        cli.run(
            "login", "--flow", "device", "--issuer", provider.issuer(), "--client-id", "lab-cli");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err())
        .contains("█")
        .contains("\033[1mWDJB-MJHT\033[0m")
        .contains("left (Ctrl-C cancels)");
    cli.var("NO_COLOR", "1");
    provider.answer(
        "/device",
        200,
        "{\"device_code\":\"dc-2\",\"user_code\":\"ABCD-EFGH\","
            + "\"verification_uri\":\"https://id.example.org/device\",\"expires_in\":600,\"interval\":1}");
    provider.answer("/token", 200, TOKENS);
    Run plain = cli.run("login");
    assertThat(plain.code()).as(plain.toString()).isZero();
    assertThat(plain.err())
        .contains("ABCD-EFGH")
        .doesNotContain("\033[1m")
        .doesNotContain("\033[3");
  }

  @Test
  void login_withoutIssuer_usageError() {
    Run r = cli.run("login", "--flow", "device", "--client-id", "x");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("lanyard: no issuer for profile 'default'");
  }

  @Test
  void browser_theBrowserFollowsTheUrl_signedIn() throws Exception {
    provider.answer("/token", 200, TOKENS);
    java.util.concurrent.atomic.AtomicReference<java.net.URI> opened =
        new java.util.concurrent.atomic.AtomicReference<>();
    cli.env(
        e ->
            e.withBrowser(
                uri -> {
                  opened.set(uri);
                  // What a browser does after the person signs in: the provider redirects to the
                  // callback.
                  java.util.Map<String, String> q = query(uri);
                  String callback = q.get("redirect_uri") + "?code=code-1&state=" + q.get("state");
                  new Thread(
                          () -> {
                            try {
                              java.net.http.HttpClient.newHttpClient()
                                  .send(
                                      java.net.http.HttpRequest.newBuilder(
                                              java.net.URI.create(callback))
                                          .build(),
                                      java.net.http.HttpResponse.BodyHandlers.discarding());
                            } catch (Exception ignored) {
                              // the test fails on the missing sign-in
                            }
                          })
                      .start();
                }));

    Run r =
        cli.run(
            "login",
            "--flow",
            "browser",
            "--issuer",
            provider.issuer(),
            "--client-id",
            "lab-cli",
            "--scope",
            "api",
            "--timeout",
            "20s");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(opened.get().toString()).startsWith(provider.issuer() + "/auth?");
    assertThat(r.err()).contains("To sign in, open this URL").contains("Signed in as lab-cli user");
    String form = FakeProvider.body(provider.requestsTo("/token").get(0));
    assertThat(form)
        .contains("grant_type=authorization_code")
        .contains("code=code-1")
        .contains("code_verifier=");
    assertThat(cli.run("token").out()).isEqualTo("at-1\n");
  }

  private static java.util.Map<String, String> query(java.net.URI uri) {
    java.util.Map<String, String> q = new java.util.HashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      q.put(
          pair.substring(0, eq),
          java.net.URLDecoder.decode(
              pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
    }
    return q;
  }

  @Test
  void browser_noBrowser_printsTheUrl_timesOut() {
    Run r =
        cli.run(
            "login",
            "--flow",
            "browser",
            "--issuer",
            provider.issuer(),
            "--client-id",
            "lab-cli",
            "--no-browser",
            "--timeout",
            "1s",
            "--login-hint",
            "ada@example.org");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains(provider.issuer() + "/auth?")
        .contains("code_challenge=")
        .contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A")
        .contains("login_hint=ada%40example.org");
    assertThat(r.err()).contains("lanyard: no sign-in arrived within");
    assertThat(List.of(r.out())).containsExactly("");
  }
}
