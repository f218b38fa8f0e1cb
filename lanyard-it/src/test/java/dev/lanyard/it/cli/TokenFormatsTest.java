package dev.lanyard.it.cli;

import static dev.lanyard.it.cli.KeycloakLab.ALICE_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.it.support.Keycloak;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./lanyard token} in every format, for a profile {@code lab} signed in as alice: the same
 * access token in each, which Keycloak's userinfo accepts; the JSON and kubectl's ExecCredential
 * checked field by field.
 */
class TokenFormatsTest {
  private static final String JWT = "[\\w-]+\\.[\\w-]+\\.[\\w-]+";

  private Launcher lanyard;
  private String token;

  @BeforeEach
  void signIn(@TempDir Path tmp) {
    lanyard = new Launcher(tmp);
    KeycloakLab.signInAlice(lanyard, Keycloak.CLIENT_CLI, "--profile", "lab");
    Run raw = lab("token");
    assertThat(raw.code()).as(raw.toString()).isZero();
    token = raw.out().strip();
  }

  @Test
  void raw_theTokenAndANewline_keycloakAcceptsIt() {
    Run r = lab("token", "--format", "raw");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo(token + "\n").matches(JWT + "\n");
    assertThat(r.err()).isEmpty();
    assertThat(KeycloakLab.userinfoEmail(token)).isEqualTo(ALICE_EMAIL);
  }

  @Test
  void header_authorizationBearerLine() {
    Run r = lab("token", "--format", "header");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("Authorization: Bearer " + token + "\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void json_fieldByField() throws Exception {
    long now = Instant.now().getEpochSecond();
    Run r = lab("token", "--format", "json");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).endsWith("}\n");
    Map<String, Object> json = r.json();
    assertThat(json)
        .containsEntry("access_token", token)
        .containsEntry("token_type", "Bearer")
        .containsEntry("profile", "lab")
        .containsKeys("access_token", "token_type", "expires_at", "expires_in", "scope", "profile");
    assertThat(((String) json.get("scope")).split(" ")).contains("openid", "email", "profile");
    long expiresAt = ((Number) json.get("expires_at")).longValue();
    assertThat(expiresAt).as("epoch seconds, the token's 300 s ahead").isBetween(now, now + 301);
    assertThat(expiresAt)
        .as("the JWT's own exp, to the clock difference")
        .isCloseTo(jwtExpiry(token).getEpochSecond(), within(2L));
    assertThat(((Number) json.get("expires_in")).longValue()).isBetween(0L, 300L);
  }

  @Test
  void execCredential_v1ByDefault_fieldByField() {
    Run r = lab("token", "--format", "exec-credential");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).isEmpty();
    assertExecCredential(r.json(), "client.authentication.k8s.io/v1");
  }

  @Test
  void execCredential_answersInTheVersionKubectlAsksFor() {
    String execInfo =
        "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1beta1\","
            + "\"spec\":{\"interactive\":false}}";
    Run r =
        lanyard
            .env("KUBERNETES_EXEC_INFO", execInfo)
            .run("--profile", "lab", "token", "--format", "exec-credential");

    assertThat(r.code()).as(r.toString()).isZero();
    assertExecCredential(r.json(), "client.authentication.k8s.io/v1beta1");
  }

  @Test
  void notSignedIn_exit3_nothingOnStdout_oneLineNamingTheLoginCommand(@TempDir Path other) {
    Run r = new Launcher(other).run("token");

    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines())
        .as(r.toString())
        .singleElement()
        .asString()
        .startsWith("lanyard: ")
        .contains("lanyard login");
  }

  private void assertExecCredential(Map<String, Object> cred, String apiVersion) {
    assertThat(cred)
        .containsEntry("kind", "ExecCredential")
        .containsEntry("apiVersion", apiVersion);
    @SuppressWarnings("unchecked")
    Map<String, Object> status = (Map<String, Object>) cred.get("status");
    assertThat(status).containsEntry("token", token);
    String timestamp = (String) status.get("expirationTimestamp");
    // RFC 3339, as Go's time.Time unmarshals it: date, 'T', time, zone.
    assertThat(timestamp)
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)");
    Instant expires =
        OffsetDateTime.parse(timestamp, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    long json = ((Number) lab("token", "--format", "json").json().get("expires_at")).longValue();
    assertThat(expires).isEqualTo(Instant.ofEpochSecond(json));
    assertThat(expires).isAfter(Instant.now());
  }

  private Run lab(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--profile";
    all[1] = "lab";
    System.arraycopy(args, 0, all, 2, args.length);
    return lanyard.run(all);
  }

  private static Instant jwtExpiry(String jwt) throws Exception {
    return SignedJWT.parse(jwt).getJWTClaimsSet().getExpirationTime().toInstant();
  }
}
