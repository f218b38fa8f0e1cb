package dev.lanyard.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.NoCredentialsException;
import dev.lanyard.testing.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code TokenSession.fromEnvironment}: conventional variables, a prefix, and {@code .env}. */
class EnvironmentSessionTest {
  private static final String SECRET = "cs-Yt6UNIQUE";

  @TempDir Path dir;
  private ScriptedTokenEndpoint endpoint;

  @BeforeEach
  void start() throws Exception {
    endpoint = new ScriptedTokenEndpoint();
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private Path dotenv() {
    return dir.resolve(".env");
  }

  private TokenSession session(String prefix, Map<String, String> env) throws Exception {
    return EnvironmentSession.builder(prefix, env, dir)
        .transport(ScriptedTokenEndpoint.TRANSPORT)
        .clock(new FakeClock(ScriptedTokenEndpoint.T0))
        .build();
  }

  private String tokenEndpoint() {
    return endpoint.url();
  }

  @Test
  void nothingSet_validSession_noCredentials_messageNamesTheVariables() throws Exception {
    TokenSession s = session("LANYARD", Map.of());
    assertThat(s.hasCredentials()).isFalse();
    assertThatThrownBy(s::token)
        .isInstanceOf(NoCredentialsException.class)
        .hasMessage(
            "no credentials in the environment: set LANYARD_ISSUER (or LANYARD_TOKEN_ENDPOINT),"
                + " LANYARD_CLIENT_ID, LANYARD_CLIENT_SECRET (or LANYARD_USERNAME and"
                + " LANYARD_PASSWORD)");
    assertThat(endpoint.requests()).isZero();
  }

  @Test
  void prefix_clientCredentials_fromTheSdksOwnNames() throws Exception {
    TokenSession s =
        session(
            "MYAPI",
            Map.of(
                "MYAPI_TOKEN_ENDPOINT", tokenEndpoint(),
                "MYAPI_CLIENT_ID", "svc",
                "MYAPI_CLIENT_SECRET", SECRET,
                "MYAPI_SCOPE", "read write",
                "LANYARD_USERNAME", "not-read"));
    assertThat(s.hasCredentials()).isTrue();
    assertThat(s.token().accessToken()).isEqualTo("at-1");
    assertThat(endpoint.forms()).containsExactly("grant_type=client_credentials&scope=read+write");
  }

  @Test
  void usernameAndPassword_passwordGrant() throws Exception {
    TokenSession s =
        session(
            "LANYARD",
            Map.of(
                "LANYARD_TOKEN_ENDPOINT", tokenEndpoint(),
                "LANYARD_CLIENT_ID", "cli",
                "LANYARD_USERNAME", "ada",
                "LANYARD_PASSWORD", "pw-1"));
    s.token();
    assertThat(endpoint.forms())
        .containsExactly("grant_type=password&username=ada&password=pw-1&client_id=cli");
  }

  @Test
  void dotenv_givesTheSecret_neverTheEndpointOrClient() throws Exception {
    Files.writeString(
        dotenv(),
        "MYAPI_CLIENT_SECRET="
            + SECRET
            + "\nMYAPI_TOKEN_ENDPOINT=https://attacker.example/token\nMYAPI_CLIENT_ID=evil\n");
    TokenSession s =
        session("MYAPI", Map.of("MYAPI_TOKEN_ENDPOINT", tokenEndpoint(), "MYAPI_CLIENT_ID", "svc"));
    assertThat(s.token().accessToken()).isEqualTo("at-1");
    assertThat(s.toString()).contains("svc").doesNotContain("evil", "attacker", SECRET);
  }

  @Test
  void dotenvAlone_cannotMakeASession_namesWhatToSetInTheEnvironment() throws Exception {
    Files.writeString(
        dotenv(),
        "LANYARD_ISSUER=https://attacker.example\nLANYARD_CLIENT_ID=evil\nLANYARD_CLIENT_SECRET="
            + SECRET
            + "\n");
    TokenSession s = session("LANYARD", Map.of());
    assertThat(s.hasCredentials()).isFalse();
    assertThatThrownBy(s::token)
        .hasMessage(
            "no credentials in the environment: set LANYARD_ISSUER (or LANYARD_TOKEN_ENDPOINT),"
                + " LANYARD_CLIENT_ID");
  }

  @Test
  void processWinsOverDotenv() throws Exception {
    Files.writeString(dotenv(), "LANYARD_PASSWORD=from-dotenv\n");
    session(
            "LANYARD",
            Map.of(
                "LANYARD_TOKEN_ENDPOINT", tokenEndpoint(),
                "LANYARD_CLIENT_ID", "cli",
                "LANYARD_USERNAME", "ada",
                "LANYARD_PASSWORD", "from-process"))
        .token();
    assertThat(endpoint.forms().get(0)).contains("password=from-process");
  }

  @Test
  void halfAPair_namesTheMissingHalf() throws Exception {
    Map<String, String> env =
        Map.of(
            "LANYARD_TOKEN_ENDPOINT", tokenEndpoint(),
            "LANYARD_CLIENT_ID", "cli",
            "LANYARD_USERNAME", "ada");
    assertThatThrownBy(session("LANYARD", env)::token)
        .isInstanceOf(NoCredentialsException.class)
        .hasMessage("no credentials in the environment: set LANYARD_PASSWORD");
  }

  @Test
  void unusableValues_refusedNamingTheVariable() {
    assertThatThrownBy(
            () ->
                session(
                    "LANYARD",
                    Map.of(
                        "LANYARD_ISSUER", "https://a.example",
                        "LANYARD_TOKEN_ENDPOINT", "https://a.example/t")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("set LANYARD_ISSUER or LANYARD_TOKEN_ENDPOINT, not both");
    assertThatThrownBy(() -> session("LANYARD", Map.of("LANYARD_ISSUER", "not a url")))
        .hasMessage("LANYARD_ISSUER is not an absolute URL: \"not a url\"");
    assertThatThrownBy(() -> session("my-api", Map.of()))
        .hasMessageContaining("must be upper-case letters");
    assertThatThrownBy(() -> session("MYAPI_", Map.of()))
        .hasMessageContaining("without a final '_'");
  }
}
