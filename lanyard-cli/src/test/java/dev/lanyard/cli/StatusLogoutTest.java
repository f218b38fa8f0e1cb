package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.cli.Cli.Run;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusLogoutTest {
  /**
   * An ID token for display only (status never trusts it):
   * {"sub":"u-1","email":"ada@example.org","email_verified":true}.
   */
  private static final String ID_TOKEN =
      "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1LTEiLCJlbWFpbCI6ImFkYUBleGFtcGxlLm9yZyIsImVtYWlsX3Zlcml"
          + "maWVkIjp0cnVlfQ.";

  @TempDir Path dir;
  private Cli cli;
  private FakeProvider provider;

  @BeforeEach
  void setUp() throws Exception {
    cli = new Cli(dir);
    provider = new FakeProvider();
    cli.run(
        "profile", "set", "lab", "issuer=" + provider.issuer(), "client_id=lab-cli", "flow=device");
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  private void signIn(String profile, long accessSeconds) throws Exception {
    StoredTokens.store(cli, profile, provider.issuer(), "lab-cli")
        .save(
            StoredTokens.valid("at-" + profile, accessSeconds, "rt-" + profile)
                .newBuilder()
                .idToken(ID_TOKEN)
                .scope(dev.lanyard.Scope.of("openid email"))
                .build());
  }

  @Test
  void status_notSignedIn_exit3_saysWhere() {
    Run r = cli.run("status");

    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out())
        .contains("Profile lab (default)")
        .contains("status:     not signed in")
        .contains("Config file: " + cli.configFile() + " (LANYARD_HOME)")
        .contains("Token files: " + cli.home.resolve("tokens"));
    assertThat(r.err()).contains("Sign in with: lanyard login");
  }

  @Test
  void status_signedIn_exit0_showsIdentityAndExpiry() throws Exception {
    signIn("lab", 600);

    Run r = cli.run("status");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("status:     signed in")
        .contains("identity:   ada@example.org")
        .contains("scopes:     openid email")
        .contains("access:     expires in 10 min (")
        .contains("UTC)")
        .contains("refresh:    expires in 60 min (")
        .contains("flow:       device")
        .contains("client:     lab-cli")
        .contains("issuer:     " + provider.issuer());
    assertThat(r.out() + r.err())
        .doesNotContain("at-lab")
        .doesNotContain("rt-lab")
        .doesNotContain(ID_TOKEN);
  }

  @Test
  void status_accessExpiredButRefreshable_stillSignedIn() throws Exception {
    signIn("lab", -30);

    Run r = cli.run("status");

    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("signed in (the access token is renewed on next use)")
        .contains("access:     expired ");
  }

  @SuppressWarnings("unchecked")
  @Test
  void status_allJson() throws Exception {
    cli.run("profile", "set", "ci", "issuer=" + provider.issuer(), "client_id=lab-cli");
    signIn("lab", 600);

    Run r = cli.run("status", "--all", "--json");

    assertThat(r.code()).as("ci is not signed in").isEqualTo(3);
    assertThat(r.err()).isEmpty();
    Map<String, Object> doc = Json.parse(r.out(), "status");
    assertThat(doc.get("config_file")).isEqualTo(cli.configFile().toString());
    List<Map<String, Object>> profiles = (List<Map<String, Object>>) doc.get("profiles");
    assertThat(profiles).extracting(p -> p.get("profile")).containsExactly("lab", "ci");
    Map<String, Object> lab = profiles.get(0);
    assertThat(lab)
        .containsEntry("signed_in", true)
        .containsEntry("default", true)
        .containsEntry("client_id", "lab-cli")
        .containsEntry("flow", "device");
    assertThat((Map<String, Object>) lab.get("identity"))
        .containsEntry("email", "ada@example.org")
        .containsEntry("subject", "u-1");
    assertThat((List<Object>) lab.get("scopes")).containsExactly("openid", "email");
    Map<String, Object> access = (Map<String, Object>) lab.get("access_token");
    assertThat(access).containsEntry("valid", true);
    assertThat(((Number) access.get("expires_in")).longValue()).isBetween(590L, 600L);
    assertThat(profiles.get(1)).containsEntry("signed_in", false);
    assertThat(r.out()).doesNotContain("at-lab");
  }

  @Test
  void logout_local_deletesTokens_noProviderCall() throws Exception {
    signIn("lab", 600);

    Run r = cli.run("logout", "--local");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).contains("Signed out of profile lab: the tokens were deleted here.");
    assertThat(StoredTokens.store(cli, "lab", provider.issuer(), "lab-cli").path()).doesNotExist();
    assertThat(provider.requests).isEmpty();
    assertThat(cli.run("status").code()).isEqualTo(3);
  }

  @Test
  void logout_revokesRefreshThenAccessToken_thenDeletes() throws Exception {
    signIn("lab", 600);
    provider.answer("/revoke", 200, "").answer("/revoke", 200, "");

    Run r = cli.run("logout");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(provider.requestsTo("/revoke"))
        .extracting(FakeProvider::body)
        .containsExactly(
            "token=rt-lab&token_type_hint=refresh_token&client_id=lab-cli",
            "token=at-lab&token_type_hint=access_token&client_id=lab-cli");
    assertThat(r.err())
        .contains("revoked at the provider and deleted here")
        .doesNotContain("rt-lab");
    assertThat(StoredTokens.store(cli, "lab", provider.issuer(), "lab-cli").path()).doesNotExist();
  }

  @Test
  void logout_revocationFails_keepsTokens_exit1() throws Exception {
    signIn("lab", 600);
    provider.answer("/revoke", 503, "{\"error\":\"temporarily_unavailable\"}");

    Run r = cli.run("logout");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err())
        .contains("temporarily_unavailable")
        .contains("the tokens were kept")
        .contains("lanyard logout --local --profile lab");
    assertThat(StoredTokens.store(cli, "lab", provider.issuer(), "lab-cli").path()).exists();
  }

  @Test
  void logout_all_notSignedIn_isFine() {
    cli.run("profile", "set", "ci", "client_id=x");

    Run r = cli.run("logout", "--all", "--local");

    assertThat(r.code()).isZero();
    assertThat(r.err())
        .contains("Profile lab was not signed in")
        .contains("Profile ci was not signed in");
  }
}
