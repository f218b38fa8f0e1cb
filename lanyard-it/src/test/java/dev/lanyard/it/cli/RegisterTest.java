package dev.lanyard.it.cli;

import static dev.lanyard.it.cli.KeycloakLab.issuer;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./lanyard register} (RFC 7591) at Keycloak's registration endpoint, authenticated by an
 * initial access token the realm's administrator made; the new client then exists in the realm.
 */
class RegisterTest {

  @Test
  void register_initialAccessTokenEnv_printsRegistrationJson_clientExistsInRealm(
      @TempDir Path tmp) {
    String initialAccessToken = KeycloakLab.initialAccessToken();
    Launcher lanyard = new Launcher(tmp).env("KC_IAT", initialAccessToken);

    Run r =
        lanyard.run(
            "register",
            "lanyard-e2e-tool",
            "http://127.0.0.1/callback",
            "--issuer",
            issuer(),
            "--grant-type",
            "authorization_code",
            "--grant-type",
            "refresh_token",
            "--initial-access-token-env",
            "KC_IAT");

    assertThat(r.code()).as(r.toString()).isZero();
    Map<String, Object> registration = r.json();
    assertThat(registration)
        .containsKeys("client_id", "client_secret", "registration_access_token")
        .containsEntry("client_name", "lanyard-e2e-tool")
        .containsEntry("redirect_uris", List.of("http://127.0.0.1/callback"));
    assertThat(registration.get("grant_types"))
        .asInstanceOf(InstanceOfAssertFactories.LIST)
        .contains("authorization_code", "refresh_token");
    assertThat(r.errLines())
        .as("the secret is on stdout, and people are told to keep it safe")
        .singleElement()
        .asString()
        .contains("keep it safe");
    assertThat(r.err())
        .doesNotContain((String) registration.get("client_secret"))
        .doesNotContain(initialAccessToken);

    String clientId = (String) registration.get("client_id");
    Map<String, Object> client = KeycloakLab.client(clientId);
    assertThat(client)
        .as("client %s in realm lab", clientId)
        .isNotNull()
        .containsEntry("name", "lanyard-e2e-tool");
  }

  @Test
  void register_initialAccessTokenUsedUp_providerErrorOneLine_exit1(@TempDir Path tmp) {
    Launcher lanyard = new Launcher(tmp).env("KC_IAT", KeycloakLab.initialAccessToken());
    Run first =
        lanyard.run(
            "register",
            "lanyard-e2e-once",
            "--issuer",
            issuer(),
            "--initial-access-token-env",
            "KC_IAT");
    assertThat(first.code()).as(first.toString()).isZero();

    Run second =
        lanyard.run(
            "register",
            "lanyard-e2e-twice",
            "--issuer",
            issuer(),
            "--initial-access-token-env",
            "KC_IAT");

    assertThat(second.code()).as(second.toString()).isEqualTo(1);
    assertThat(second.out()).isEmpty();
    assertThat(second.errLines())
        .as(second.toString())
        .singleElement()
        .asString()
        .startsWith("lanyard: ");
  }
}
