package dev.lanyard.it.cli;

import static dev.lanyard.it.cli.KeycloakLab.issuer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.provider.ClientConfiguration;
import dev.lanyard.provider.ClientRegistration;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.provider.RegisteredClient;
import dev.lanyard.transport.Transport;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client management (RFC 7592) at Keycloak: register, read, update, delete; in Java and the CLI.
 */
class ClientManagementTest {

  @Test
  void library_registerReadUpdateDelete() throws Exception {
    Transport transport = Transport.defaults();
    URI endpoint =
        ProviderMetadata.discover(URI.create(issuer())).registrationEndpoint().orElseThrow();
    RegisteredClient registered =
        ClientRegistration.builder(endpoint)
            .clientName("lanyard-7592")
            .redirectUris(List.of(URI.create("http://127.0.0.1/callback")))
            .initialAccessToken(KeycloakLab.initialAccessToken())
            .build()
            .register();

    RegisteredClient read = ClientConfiguration.of(registered, transport).read();
    assertThat(read.clientId()).isEqualTo(registered.clientId());
    assertThat(read.metadata()).containsEntry("client_name", "lanyard-7592");

    RegisteredClient updated =
        ClientConfiguration.of(read, transport)
            .update(
                Map.of(
                    "client_name",
                    "lanyard-7592-renamed",
                    "redirect_uris",
                    List.of("http://127.0.0.1/callback")));
    assertThat(updated.metadata()).containsEntry("client_name", "lanyard-7592-renamed");
    assertThat(KeycloakLab.client(registered.clientId()))
        .containsEntry("name", "lanyard-7592-renamed");

    ClientConfiguration.of(updated, transport).delete();
    assertThat(KeycloakLab.client(registered.clientId())).isNull();
    assertThatThrownBy(() -> ClientConfiguration.of(updated, transport).read())
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void cli_registerKeepsTheRegistration_showThenDelete(@TempDir Path tmp) throws Exception {
    Launcher lanyard = new Launcher(tmp).env("KC_IAT", KeycloakLab.initialAccessToken());
    Run r =
        lanyard.run(
            "register",
            "lanyard-7592-cli",
            "http://127.0.0.1/callback",
            "--issuer",
            issuer(),
            "--initial-access-token-env",
            "KC_IAT");
    assertThat(r.code()).as(r.toString()).isZero();
    String clientId = (String) r.json().get("client_id");
    Path kept = lanyard.configFile().getParent().resolve("registrations/" + clientId + ".json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)))
        .isEqualTo("rw-------");
    assertThat(r.errLines())
        .singleElement()
        .asString()
        .contains("keep it safe")
        .contains(kept.toString());

    Run show = lanyard.run("register", "--show", clientId);
    assertThat(show.code()).as(show.toString()).isZero();
    assertThat(show.json()).containsEntry("client_name", "lanyard-7592-cli");
    // A second read works: the rotated registration access token was kept.
    assertThat(lanyard.run("register", "--show", clientId).code()).isZero();

    Run delete = lanyard.run("register", "--delete", clientId);
    assertThat(delete.code()).as(delete.toString()).isZero();
    assertThat(KeycloakLab.client(clientId)).isNull();
    assertThat(kept).doesNotExist();

    Run again = lanyard.run("register", "--show", clientId);
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("no registration of " + clientId);
  }
}
