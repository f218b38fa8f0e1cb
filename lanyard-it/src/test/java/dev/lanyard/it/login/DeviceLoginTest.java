package dev.lanyard.it.login;

import static dev.lanyard.it.login.Lab.ALICE_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.Browser;
import dev.lanyard.it.support.Keycloak;
import dev.lanyard.login.DeviceCode;
import dev.lanyard.login.DevicePrompt;
import dev.lanyard.login.LoginResult;
import dev.lanyard.verify.Identity;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Device sign-in (RFC 8628): the prompt gets the code, Chromium approves it on Keycloak's pages.
 */
class DeviceLoginTest extends SignInTestBase {

  @Test
  void deviceLogin_verificationUriComplete_aliceSignedIn() throws Exception {
    try (Browser browser = Browser.start()) {
      CompletableFuture<DeviceCode> shown = new CompletableFuture<>();
      DevicePrompt approve = Person.alice().approvesDevice(browser, false);
      LoginResult result =
          Lab.deviceLogin("cli")
              .loginHint(ALICE_EMAIL)
              .prompt(
                  code -> {
                    shown.complete(code);
                    approve.show(code);
                  })
              .build()
              .login();

      DeviceCode code = shown.getNow(null);
      assertThat(code.userCode()).matches("[A-Z]{4}-[A-Z]{4}");
      assertThat(code.verificationUri()).hasToString(Keycloak.get().issuer() + "/device");
      assertThat(code.verificationUriComplete()).isPresent();
      assertThat(browser.text()).contains(Person.DEVICE_APPROVED);
      assertAliceWithoutNonce(result);
    }
  }

  @Test
  void deviceLogin_typedUserCode_aliceSignedIn() throws Exception {
    try (Browser browser = Browser.start()) {
      LoginResult result =
          Lab.deviceLogin("cli")
              .prompt(Person.alice().approvesDevice(browser, true))
              .build()
              .login();

      assertThat(browser.text()).contains(Person.DEVICE_APPROVED);
      assertAliceWithoutNonce(result);
    }
  }

  private static void assertAliceWithoutNonce(LoginResult result) throws Exception {
    Identity who = result.identity().orElseThrow();
    assertThat(who.email()).contains(ALICE_EMAIL);
    assertThat(who.issuer()).isEqualTo(Lab.issuer().toString());
    assertThat(who.audience()).contains("cli");
    assertThat(result.tokens().refreshToken()).isPresent();
    assertThat(Lab.userinfo(result.tokens()).body()).contains(ALICE_EMAIL);
  }
}
