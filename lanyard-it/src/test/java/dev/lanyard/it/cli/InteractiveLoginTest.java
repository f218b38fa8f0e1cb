package dev.lanyard.it.cli;

import static dev.lanyard.it.cli.KeycloakLab.ALICE_EMAIL;
import static dev.lanyard.it.cli.KeycloakLab.issuer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.Browser;
import dev.lanyard.it.support.Keycloak;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./lanyard login} with a person in the loop: the process prints where to sign in on
 * standard error and waits; headless Chromium reads nothing but that output, signs alice in on
 * Keycloak's pages and grants consent; the process then ends by itself.
 */
class InteractiveLoginTest {
  private static final Duration PRINTS_PROMPT = Duration.ofSeconds(60);

  /** Device polling is every 5 s in realm lab; a busy machine needs more than one round. */
  private static final Duration ENDS_AFTER_APPROVAL = Duration.ofSeconds(60);

  private static final String CONSENT_QUESTION = "Do you grant these access privileges?";
  private static final String DEVICE_APPROVED = "Device Login Successful";
  private static final String LOOPBACK_SIGNED_IN = "Signed in. You can close this tab.";

  private static final Pattern DEVICE_PROMPT =
      Pattern.compile(
          "To sign in, open this page on any device with a browser:\n  (\\S+)\n"
              + "and enter the code:\n  (\\S+)\n"
              + "Or open this link, which fills in the code:\n  (\\S+)\n");
  private static final Pattern AUTHORIZATION_URL =
      Pattern.compile("To sign in, open this URL in a browser:\n  (\\S+)\n");
  private static final Pattern SIGNED_IN_ALICE =
      Pattern.compile(
          "Signed in as "
              + Pattern.quote(ALICE_EMAIL)
              + " \\(profile default\\); the access token"
              + " expires in \\d+ min \\(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\)\\.");

  @Test
  void deviceLogin_approvedInChromium_exit0_oneLineWithEmailProfileAndExpiry(@TempDir Path tmp)
      throws Exception {
    Launcher lanyard = new Launcher(tmp);
    try (Browser browser = Browser.start();
        Running login =
            lanyard.start(
                "login",
                "--flow",
                "device",
                "--issuer",
                issuer(),
                "--client-id",
                Keycloak.CLIENT_CLI,
                "--timeout",
                "3m")) {
      MatchResult shown = login.awaitStderr(DEVICE_PROMPT, PRINTS_PROMPT);
      String verificationUri = shown.group(1);
      String userCode = shown.group(2);
      String completeUri = shown.group(3);
      assertThat(verificationUri).isEqualTo(issuer() + "/device");
      assertThat(userCode).matches("[A-Z]{4}-[A-Z]{4}");
      assertThat(completeUri).isEqualTo(verificationUri + "?user_code=" + userCode);

      browser.open(URI.create(completeUri)).waitFor("username");
      aliceSignsInAndConsents(browser, DEVICE_APPROVED);
      Run r = login.await(ENDS_AFTER_APPROVAL);

      assertSignedInAlice(r);
      assertThat(r.err())
          .as("no QR code when standard error is not a terminal")
          .doesNotContain("▀")
          .doesNotContain("█");
    }
    assertThat(Files.readString(lanyard.configFile()))
        .contains("flow: device")
        .contains("client_id: cli");
    assertTokenIsAlices(lanyard);
  }

  @Test
  void browserLogin_noBrowser_chromiumFollowsPrintedUrl_exit0(@TempDir Path tmp) throws Exception {
    Launcher lanyard = new Launcher(tmp);
    try (Browser browser = Browser.start();
        Running login =
            lanyard.start(
                "login",
                "--flow",
                "browser",
                "--no-browser",
                "--issuer",
                issuer(),
                "--client-id",
                Keycloak.CLIENT_CLI,
                "--timeout",
                "3m")) {
      URI url = URI.create(login.awaitStderr(AUTHORIZATION_URL, PRINTS_PROMPT).group(1));
      assertThat(url.toString()).startsWith(Keycloak.get().authorizationEndpoint() + "?");
      Map<String, String> q = query(url);
      assertThat(q)
          .containsEntry("client_id", "cli")
          .containsEntry("response_type", "code")
          .containsEntry("code_challenge_method", "S256")
          .containsKeys("state", "code_challenge");
      assertThat(q.get("redirect_uri")).matches("http://127\\.0\\.0\\.1:\\d+/callback");

      browser.open(url).waitFor("username");
      aliceSignsInAndConsents(browser, LOOPBACK_SIGNED_IN);
      Run r = login.await(ENDS_AFTER_APPROVAL);

      assertSignedInAlice(r);
      assertThat(r.err()).as("--no-browser opens nothing").doesNotContain("Could not open");
    }
    assertThat(Files.readString(lanyard.configFile())).contains("flow: browser");
    assertTokenIsAlices(lanyard);
  }

  /** Keycloak's login form, then its consent page when it shows one, until {@code done} shows. */
  private static void aliceSignsInAndConsents(Browser browser, String done) {
    browser.signIn(Keycloak.ALICE, Keycloak.ALICE_PASSWORD);
    if (browser.waitForAnyText(CONSENT_QUESTION, done).equals(CONSENT_QUESTION)) {
      browser.click("kc-login");
      browser.waitForText(done);
    }
  }

  private static void assertSignedInAlice(Run r) {
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).as("nothing for scripts on standard output").isEmpty();
    assertThat(r.errLines())
        .as(r.toString())
        .filteredOn(line -> line.startsWith("Signed in"))
        .singleElement()
        .matches(line -> SIGNED_IN_ALICE.matcher(line).matches(), "one line: " + SIGNED_IN_ALICE);
    assertThat(r.err()).as("NO_COLOR").doesNotContain("\033[");
  }

  private static void assertTokenIsAlices(Launcher lanyard) {
    Run token = lanyard.run("token");
    assertThat(token.code()).as(token.toString()).isZero();
    assertThat(KeycloakLab.userinfoEmail(token.out().strip())).isEqualTo(ALICE_EMAIL);
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
    }
    return params;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
