package dev.lanyard.labarchives;

import static dev.lanyard.labarchives.FakeLabArchivesServer.ADA;
import static dev.lanyard.labarchives.FakeLabArchivesServer.ADA_UID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.MalformedResponseException;
import dev.lanyard.ProviderUnreachableException;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code login(email, code)} and signed calls against the in-test LabArchives server. */
class LabArchivesLoginTest {
  private static final HttpClient NO_REDIRECTS =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private final FakeLabArchivesServer server = FakeLabArchivesServer.start();

  @AfterEach
  void tearDown() {
    server.close();
  }

  /** What a browser gets from {@code api_user_login}: the redirect back, with email and code. */
  private Map<String, String> signInAtLabArchives(LabArchives la) throws Exception {
    URI url = la.loginUrl(URI.create("https://portal.example.org/cb"));
    HttpResponse<String> r =
        NO_REDIRECTS.send(
            HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
    URI back = URI.create(r.headers().firstValue("Location").orElseThrow());
    assertThat(back.toString()).startsWith("https://portal.example.org/cb?");
    return FakeLabArchivesServer.queryOf(back);
  }

  @Test
  void login_emailAndAuthCodeFromTheCallback_userWithIdAndNotebooks() throws Exception {
    LabArchives la = server.client().build();
    Map<String, String> callback = signInAtLabArchives(la);

    LabArchivesUser user = la.login(callback.get("email"), callback.get("auth_code"));

    assertThat(user.id()).isEqualTo(ADA_UID);
    assertThat(user.email()).isEqualTo(ADA);
    assertThat(user.fullName()).contains("Ada Lovelace");
    assertThat(user.notebooks())
        .containsExactly(
            new Notebook("NDYyMjIuOHwzNTU1Ng==", "Analytical engine", false),
            new Notebook("MzU1NTYvTm90ZWJvb2s=", "Notes & sketches", true));
    assertThat(user.defaultNotebook().map(Notebook::name)).contains("Notes & sketches");
    assertThat(user.toString()).doesNotContain(ADA_UID);
    assertThat(server.calls()).containsExactly("/api_user_login", "/api/users/user_access_info");
  }

  @Test
  void login_authCodeTwice_secondRefusedAsAuthentication() throws Exception {
    LabArchives la = server.client().build();
    Map<String, String> callback = signInAtLabArchives(la);
    la.login(ADA, callback.get("auth_code"));

    assertThatThrownBy(() -> la.login(ADA, callback.get("auth_code")))
        .isInstanceOf(LabArchivesAuthenticationException.class)
        .hasMessage("[4514] The login or password is incorrect");
  }

  @Test
  void login_externalAppPasswordToken_sameUser() throws Exception {
    LabArchives la = server.client().build();

    LabArchivesUser user = la.login(ADA, server.passwordToken(ADA));

    assertThat(user.id()).isEqualTo(ADA_UID);
    assertThat(user.email()).isEqualTo(ADA);
    assertThat(user.fullName()).contains("Ada Lovelace");
    assertThat(user.notebooks()).isEqualTo(FakeLabArchivesServer.ADAS_NOTEBOOKS);
    assertThat(user.notebook("Notes & sketches").isDefault()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"4506", "4514", "4520", "4533"})
  void login_authenticationErrorCode_authenticationExceptionCarryingIt(String code)
      throws IOException {
    LabArchives la = server.client().build();
    server.failNext(code, "refused for a reason");

    assertThatThrownBy(() -> la.login(ADA, server.passwordToken(ADA)))
        .isInstanceOfSatisfying(
            LabArchivesAuthenticationException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.description()).contains("refused for a reason");
              assertThat(e.status()).isEqualTo(400);
            })
        .hasMessage("[" + code + "] refused for a reason");
  }

  @ParameterizedTest
  @ValueSource(strings = {"4500", "4501", "4502", "4999"})
  void login_otherErrorCode_apiException(String code) throws IOException {
    LabArchives la = server.client().build();
    server.failNext(code, "something else went wrong");

    assertThatThrownBy(() -> la.login(ADA, "whatever"))
        .isInstanceOf(LabArchivesApiException.class)
        .hasMessage("[" + code + "] something else went wrong");
  }

  @Test
  void login_wrongAccessPassword_serverRecomputesAndRefusesTheSignature() throws IOException {
    LabArchives la =
        LabArchives.builder()
            .apiUrl(server.url())
            .accessKeyId(FakeLabArchivesServer.AKID)
            .accessPassword("not-the-password")
            .environment(Map.of())
            .noDotEnv()
            .build();

    assertThatThrownBy(() -> la.login(ADA, server.passwordToken(ADA)))
        .isInstanceOfSatisfying(
            LabArchivesAuthenticationException.class, e -> assertThat(e.code()).isEqualTo("4520"));
  }

  @Test
  void signedCall_tamperedSignature_refused() throws Exception {
    LabArchives la = server.client().build();
    URI signed =
        la.sign(
            la.apiUri(
                "users/user_access_info",
                Map.of("login_or_email", ADA, "password", server.passwordToken(ADA))));
    String sig = FakeLabArchivesServer.queryOf(signed).get("sig");
    String flipped = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);
    URI tampered =
        URI.create(
            signed.toString().replace(Signatures.component(sig), Signatures.component(flipped)));

    assertThat(status(signed)).isEqualTo(200);
    HttpResponse<String> r =
        NO_REDIRECTS.send(
            HttpRequest.newBuilder(tampered).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.body()).contains("<error-code>4520</error-code>");
  }

  @Test
  void login_expiredSignature_refused() throws IOException {
    LabArchives la =
        server
            .client()
            .clock(InstantSource.fixed(Instant.now().minus(Duration.ofMinutes(5))))
            .build();

    assertThatThrownBy(() -> la.login(ADA, server.passwordToken(ADA)))
        .isInstanceOfSatisfying(
            LabArchivesAuthenticationException.class, e -> assertThat(e.code()).isEqualTo("4533"))
        .hasMessage("[4533] The signature has expired");
  }

  @Test
  void login_unknownAccessKey_refused() throws IOException {
    LabArchives la =
        LabArchives.builder()
            .apiUrl(server.url())
            .accessKeyId("someone-else")
            .accessPassword(FakeLabArchivesServer.PASSWORD)
            .environment(Map.of())
            .noDotEnv()
            .build();

    assertThatThrownBy(() -> la.login(ADA, "x"))
        .isInstanceOfSatisfying(
            LabArchivesAuthenticationException.class, e -> assertThat(e.code()).isEqualTo("4506"));
  }

  @Test
  void login_answerWithExternalEntity_refusedAndTheFileNeverRead(@TempDir Path dir)
      throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-FILE");
    server.answerNext(
        "<?xml version=\"1.0\"?><!DOCTYPE users [<!ENTITY x SYSTEM \""
            + secret.toUri()
            + "\">]><users><id>&x;</id><email>a@b.org</email></users>");
    LabArchives la = server.client().build();

    assertThatThrownBy(() -> la.login(ADA, server.passwordToken(ADA)))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("users/user_access_info")
        .hasMessageNotContaining("TOP-SECRET");
  }

  @Test
  void login_notXmlOrNotAUserDocument_malformed() throws IOException {
    LabArchives la = server.client().build();

    server.answerNext("<html><body>Service unavailable</body></html>");
    assertThatThrownBy(() -> la.login(ADA, server.passwordToken(ADA)))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessage(
            "the LabArchives answer to users/user_access_info is not a user document:"
                + " its root element is html");
    server.answerNext("{\"users\":[]}");
    assertThatThrownBy(() -> la.login(ADA, server.passwordToken(ADA)))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageStartingWith(
            "LabArchives users/user_access_info answered HTTP 200 with a body that is not");
    server.answerNext("<users><notebooks><notebook><id>nb</id></notebook></notebooks></users>");
    assertThatThrownBy(() -> la.login(ADA, server.passwordToken(ADA)))
        .hasMessageEndingWith("it has no user id");
  }

  @Test
  void login_serverDown_unreachableWithoutTheQuery() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    LabArchives la =
        LabArchives.builder()
            .apiUrl(URI.create("http://127.0.0.1:" + port))
            .accessKeyId("a")
            .accessPassword("p")
            .environment(Map.of())
            .noDotEnv()
            .transport(Transport.builder().maxRetries(0).build()) // no real-time backoff here
            .build();

    assertThatThrownBy(() -> la.login(ADA, "SECRET-TOKEN"))
        .isInstanceOf(ProviderUnreachableException.class)
        .hasMessageStartingWith(
            "could not reach LabArchives users/user_access_info at http://127.0.0.1:" + port)
        .hasMessageNotContaining("SECRET-TOKEN");
  }

  @Test
  void request_signedGetReadyToSend() throws Exception {
    LabArchives la = server.client().build();
    HttpRequest request =
        la.request(
                "users/user_access_info",
                Map.of("login_or_email", ADA, "password", server.passwordToken(ADA)))
            .build();

    assertThat(request.method()).isEqualTo("GET");
    assertThat(FakeLabArchivesServer.queryOf(request.uri())).containsKeys("akid", "expires", "sig");
    assertThat(NO_REDIRECTS.send(request, HttpResponse.BodyHandlers.ofString()).body())
        .contains("<id>" + ADA_UID.replace("&", "&amp;") + "</id>");
  }

  private static int status(URI uri) throws Exception {
    return NO_REDIRECTS
        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
