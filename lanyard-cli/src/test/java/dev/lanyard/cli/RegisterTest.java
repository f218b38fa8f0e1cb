package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.cli.Cli.Run;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegisterTest {
  private static final String ANSWER =
      "{\"client_id\":\"new-client\",\"client_secret\":\"new-secret\",\"client_name\":\"My tool\"}";

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
  void register_withInitialAccessToken_printsTheAnswer() {
    provider.answer("/register", 201, ANSWER);
    cli.var("IAT", "initial-access-token-1");

    Run r =
        cli.run(
            "register",
            "My tool",
            "http://127.0.0.1/callback",
            "https://app.example.org/cb",
            "--grant-type",
            "authorization_code",
            "--grant-type",
            "refresh_token",
            "--scope",
            "openid email",
            "--issuer",
            provider.issuer(),
            "--initial-access-token-env",
            "IAT");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo(ANSWER + "\n");
    assertThat(r.err())
        .contains("keep it safe")
        .doesNotContain("new-secret")
        .doesNotContain("initial-access-token-1");
    RecordedRequest req = provider.requestsTo("/register").get(0);
    assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bearer initial-access-token-1");
    assertThat(req.getHeaders().get("Content-Type")).startsWith("application/json");
    Map<String, Object> body = Json.parse(FakeProvider.body(req), "body");
    assertThat(body)
        .containsEntry("client_name", "My tool")
        .containsEntry(
            "redirect_uris",
            java.util.List.of("http://127.0.0.1/callback", "https://app.example.org/cb"))
        .containsEntry("grant_types", java.util.List.of("authorization_code", "refresh_token"))
        .containsEntry("scope", "openid email");
  }

  @Test
  void register_withTheProfilesToken() {
    cli.run(
        "profile",
        "set",
        "default",
        "issuer=" + provider.issuer(),
        "client_id=lab-cli",
        "flow=token");
    cli.runWithInput("profile-token\n", "login");
    provider.answer("/register", 201, ANSWER);

    Run r = cli.run("register", "My tool");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(provider.requestsTo("/register").get(0).getHeaders().get("Authorization"))
        .isEqualTo("Bearer profile-token");
  }

  @Test
  void register_anonymous_providerError() {
    provider.answer(
        "/register",
        400,
        "{\"error\":\"invalid_redirect_uri\",\"error_description\":\"Invalid redirect_uris\"}");

    Run r =
        cli.run("register", "My tool", "http://bad", "--issuer", provider.issuer(), "--anonymous");

    assertThat(r.code()).isEqualTo(1);
    assertThat(provider.requestsTo("/register").get(0).getHeaders().get("Authorization")).isNull();
    assertThat(r.err())
        .isEqualTo(
            "lanyard: provider error invalid_redirect_uri (HTTP 400): Invalid redirect_uris\n");
  }

  @Test
  void register_relativeRedirect_usage() {
    Run r = cli.run("register", "My tool", "/callback", "--issuer", provider.issuer());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("'/callback' is not an absolute URI");
  }
}
