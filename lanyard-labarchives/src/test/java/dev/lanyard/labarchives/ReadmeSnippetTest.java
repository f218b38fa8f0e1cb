package dev.lanyard.labarchives;

import static dev.lanyard.labarchives.FakeLabArchivesServer.ADA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.login.LoopbackOptions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The three lines of the README's LabArchives case, run against the fake LabArchives server. The
 * README says:
 *
 * <pre>{@code
 * LabArchives la = LabArchives.fromEnvironment();
 * LabArchivesUser user = la.browserLogin().login();
 * Notebook notebook = user.notebook("Analytical engine");
 * }</pre>
 *
 * Here the environment is a map naming the fake server, and the "browser" is an HTTP client that
 * follows LabArchives' redirect (headless Chromium runs the same lines in lanyard-it). The test
 * also checks that the README still shows these three lines, so the two cannot drift apart.
 */
@Timeout(30)
class ReadmeSnippetTest {
  static final List<String> README_LINES =
      List.of(
          "LabArchives la = LabArchives.fromEnvironment();",
          "LabArchivesUser user = la.browserLogin().login();",
          "Notebook notebook = user.notebook(\"Analytical engine\");");

  private static final HttpClient BROWSER =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

  private final FakeLabArchivesServer server = FakeLabArchivesServer.start();

  @AfterEach
  void tearDown() {
    server.close();
  }

  private static void follow(URI uri) throws IOException {
    try {
      BROWSER.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException();
    }
  }

  @Test
  void readme_threeLines_adaSignedInWithTheNamedNotebook() throws Exception {
    Map<String, String> environment =
        Map.of(
            "API_URL", server.url().toString(),
            "ACCESS_KEYID", FakeLabArchivesServer.AKID,
            "ACCESS_PWD", FakeLabArchivesServer.PASSWORD);
    LoopbackOptions browser =
        LoopbackOptions.defaults()
            .withPort(0) // 8089 may be taken on a build machine
            .withLauncher(ReadmeSnippetTest::follow)
            .withPrinter(line -> {});

    // The README's three lines, with the environment and the browser given explicitly.
    LabArchives la = LabArchives.builder().environment(environment).noDotEnv().build();
    LabArchivesUser user = la.browserLogin(browser).login();
    Notebook notebook = user.notebook("Analytical engine");

    assertThat(user.email()).isEqualTo(ADA);
    assertThat(notebook)
        .isEqualTo(new Notebook("NDYyMjIuOHwzNTU1Ng==", "Analytical engine", false));
  }

  @Test
  void readme_showsTheseThreeLinesInOneJavaBlock() throws IOException {
    String readme = Files.readString(Path.of("README.md"));

    assertThat(readme).contains("```java\n" + String.join("\n", README_LINES) + "\n```");
  }
}
