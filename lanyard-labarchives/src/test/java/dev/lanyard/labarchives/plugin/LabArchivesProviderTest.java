package dev.lanyard.labarchives.plugin;

import static dev.lanyard.labarchives.FakeLabArchivesServer.ADA;
import static dev.lanyard.labarchives.FakeLabArchivesServer.ADA_UID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.http.AuthenticatedHttpClient;
import dev.lanyard.http.Authorization;
import dev.lanyard.http.RequestAuthorizer;
import dev.lanyard.internal.provider.CallbackProvider;
import dev.lanyard.internal.provider.CallbackProviderFactory;
import dev.lanyard.internal.provider.CallbackResponse;
import dev.lanyard.internal.provider.CredentialStore;
import dev.lanyard.internal.provider.Credentials;
import dev.lanyard.internal.provider.ProviderContext;
import dev.lanyard.labarchives.FakeLabArchivesServer;
import dev.lanyard.labarchives.LabArchives;
import dev.lanyard.transport.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LabArchives through the provider plug-in point only: what a generic CLI would do. */
class LabArchivesProviderTest {
  private final FakeLabArchivesServer server = FakeLabArchivesServer.start();

  @AfterEach
  void tearDown() {
    server.close();
  }

  /** Finds the provider by name, as a program that does not know LabArchives would. */
  private CallbackProvider lookUp(Map<String, String> settings, Path dir) throws Exception {
    CallbackProviderFactory factory =
        ServiceLoader.load(CallbackProviderFactory.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(f -> f.id().equals("labarchives"))
            .findFirst()
            .orElseThrow();
    return factory.create(
        new ProviderContext(settings, Map.of(), dir, Transport.defaults(), InstantSource.system()));
  }

  @Test
  void serviceLoader_findsIt_externalAppCredentials_storedAndDescribed(@TempDir Path dir)
      throws Exception {
    CallbackProvider provider =
        lookUp(
            Map.of(
                "api_url",
                server.url().toString(),
                "ACCESS-KEYID",
                FakeLabArchivesServer.AKID,
                "ACCESS_PWD",
                FakeLabArchivesServer.PASSWORD),
            dir);

    Credentials c = provider.secretSignIn().orElseThrow().signIn(ADA, server.passwordToken(ADA));
    CredentialStore store = CredentialStore.file(dir.resolve("labarchives.json"));
    store.save(c);
    Credentials loaded = store.load().orElseThrow();

    assertThat(provider.id()).isEqualTo("labarchives");
    assertThat(provider.defaultPort()).isEqualTo(8089);
    assertThat(provider.bearerToken(loaded)).isEmpty();
    assertThat(provider.describe(loaded).userId()).isEqualTo(ADA_UID);
    assertThat(provider.describe(loaded).displayName()).isEqualTo("Ada Lovelace <" + ADA + ">");
  }

  @Test
  void authenticator_signsApiCalls_theServerAcceptsThem() throws Exception {
    LabArchives la = server.client().build();
    CallbackProvider provider = new LabArchivesProvider(la);
    Credentials c = LabArchivesProvider.credentials(la.login(ADA, server.passwordToken(ADA)));
    HttpRequest unsigned =
        HttpRequest.newBuilder(
                la.apiUri(
                    "users/user_access_info",
                    Map.of("login_or_email", ADA, "password", server.passwordToken(ADA))))
            .build();

    RequestAuthorizer signer = provider.authenticator(c);
    Authorization a = signer.authorize("GET", unsigned.uri());

    assertThat(FakeLabArchivesServer.queryOf(a.uriFor(unsigned.uri())))
        .containsKeys("akid", "expires", "sig");
    assertThat(a.headers()).isEmpty();
    assertThat(
            AuthenticatedHttpClient.of(HttpClient.newHttpClient(), signer)
                .send(unsigned, HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void read_callbackParameters_incompleteDeniedAccepted() throws Exception {
    CallbackProvider p = new LabArchivesProvider(server.client().build());

    assertThat(p.read(Map.of("auth_code", "c")))
        .isEqualTo(CallbackResponse.incomplete("no email parameter"));
    assertThat(p.read(Map.of("email", ADA, "auth_code", "")))
        .isEqualTo(CallbackResponse.incomplete("no auth_code parameter"));
    assertThat(p.read(Map.of("error", "x", "error_description", "no access")))
        .isInstanceOfSatisfying(
            CallbackResponse.Denied.class, d -> assertThat(d.error()).hasMessage("[x] no access"));
    assertThat(p.read(Map.of("email", ADA, "auth_code", "c", "extra", "ignored")))
        .isEqualTo(CallbackResponse.accepted(Map.of("email", ADA, "auth_code", "c")));
  }

  @Test
  void credentials_ofAUser_idEmailAndNameButNoNotebooks() throws Exception {
    LabArchives la = server.client().build();

    Credentials c = LabArchivesProvider.credentials(la.login(ADA, server.passwordToken(ADA)));

    assertThat(c.provider()).isEqualTo("labarchives");
    assertThat(c.values())
        .containsExactly(
            Map.entry("uid", ADA_UID), Map.entry("email", ADA), Map.entry("name", "Ada Lovelace"));
  }

  @Test
  void credentialsOfAnotherProvider_refused() throws Exception {
    CallbackProvider p = new LabArchivesProvider(server.client().build());
    Credentials other = Credentials.of("toy", Map.of("uid", "u"));

    assertThatThrownBy(() -> p.describe(other))
        .hasMessage("these are toy credentials, not labarchives credentials");
    assertThatThrownBy(() -> p.authenticator(other)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void factory_unknownSetting_listsTheKnownOnes(@TempDir Path dir) {
    assertThatThrownBy(() -> lookUp(Map.of("CLIENT_ID", "x"), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown labarchives setting 'CLIENT_ID'; the settings are API_URL, ACCESS_KEYID and"
                + " ACCESS_PWD");
  }

  @Test
  void loginUrl_isTheApiUserLoginOfTheConfiguredServer() throws Exception {
    URI url =
        new LabArchivesProvider(server.client().build())
            .loginUrl(URI.create("http://127.0.0.1:8089/cb"));

    assertThat(url.getPath()).isEqualTo("/api_user_login");
    assertThat(FakeLabArchivesServer.queryOf(url))
        .containsOnlyKeys("akid", "expires", "redirect_uri", "sig")
        .containsEntry("redirect_uri", "http://127.0.0.1:8089/cb");
  }
}
