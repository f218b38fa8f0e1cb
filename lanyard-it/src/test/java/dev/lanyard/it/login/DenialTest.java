package dev.lanyard.it.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.AuthorizationDeniedException;
import dev.lanyard.it.login.Person.Consent;
import dev.lanyard.it.support.Browser;
import dev.lanyard.login.BrowserLogin;
import dev.lanyard.login.DeviceLogin;
import org.junit.jupiter.api.Test;

/** The person presses "No" on Keycloak's consent page (client {@code cli-consent}). */
class DenialTest extends SignInTestBase {

  @Test
  void deviceLogin_personDeniesConsent_authorizationDenied() throws Exception {
    try (Browser browser = Browser.start()) {
      DeviceLogin login =
          Lab.deviceLogin(Lab.CLI_CONSENT)
              .prompt(Person.alice().consenting(Consent.DENY).approvesDevice(browser, false))
              .build();

      assertThatThrownBy(login::login)
          .isInstanceOfSatisfying(
              AuthorizationDeniedException.class,
              e -> assertThat(e.error()).isEqualTo("access_denied"));
      assertThat(browser.text()).contains(Person.DEVICE_DENIED);
    }
  }

  @Test
  void browserLogin_personDeniesConsent_errorCallbackAuthorizationDenied() throws Exception {
    try (Browser browser = Browser.start()) {
      ChromiumLauncher launcher =
          new ChromiumLauncher(browser, Person.alice().consenting(Consent.DENY)::signsInAtLoopback);
      BrowserLogin login = launcher.build(Lab.browserLogin(Lab.CLI_CONSENT));

      assertThatThrownBy(() -> launcher.login(login))
          .isInstanceOfSatisfying(
              AuthorizationDeniedException.class,
              e -> assertThat(e.error()).isEqualTo("access_denied"));

      assertThat(browser.url()).contains("error=access_denied");
      assertThat(browser.text()).contains(Person.LOOPBACK_REFUSED);
    }
  }
}
