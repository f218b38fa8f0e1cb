package dev.lanyard.it.login;

import static dev.lanyard.it.login.Lab.ALICE_EMAIL;
import static dev.lanyard.it.login.Lab.BOB_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.IdentityMismatchException;
import dev.lanyard.it.support.Browser;
import dev.lanyard.login.BrowserLogin;
import dev.lanyard.login.DeviceLogin;
import dev.lanyard.store.TokenStore;
import org.junit.jupiter.api.Test;

/** Alice was expected (login hint), bob signed in: no tokens come back, so nothing is stored. */
class IdentityMismatchTest extends SignInTestBase {

  @Test
  void browserLogin_hintAliceButBobSignsIn_identityMismatchNothingStored() throws Exception {
    TokenStore store = TokenStore.memory();
    try (Browser browser = Browser.start()) {
      ChromiumLauncher launcher =
          new ChromiumLauncher(
              browser,
              b -> {
                assertThat(b.value("username")).isEqualTo(ALICE_EMAIL); // pre-filled from the hint
                Person.bob().signsInAtLoopback(b); // clears it and signs in as bob
              });
      BrowserLogin login = launcher.build(Lab.browserLogin("cli").loginHint(ALICE_EMAIL));

      assertThatThrownBy(() -> store.save(launcher.login(login).tokens()))
          .isInstanceOf(IdentityMismatchException.class)
          .hasMessageContaining(BOB_EMAIL)
          .hasMessageContaining(ALICE_EMAIL);

      assertThat(store.load()).isEmpty();
      assertThat(browser.text()).contains(Person.LOOPBACK_FAILED).contains(BOB_EMAIL);
    }
  }

  @Test
  void deviceLogin_hintAliceButBobApproves_identityMismatchNothingStored() throws Exception {
    TokenStore store = TokenStore.memory();
    try (Browser browser = Browser.start()) {
      DeviceLogin login =
          Lab.deviceLogin("cli")
              .loginHint(ALICE_EMAIL)
              .prompt(Person.bob().approvesDevice(browser, false))
              .build();

      assertThatThrownBy(() -> store.save(login.login().tokens()))
          .isInstanceOf(IdentityMismatchException.class)
          .hasMessageContaining(BOB_EMAIL)
          .hasMessageContaining(ALICE_EMAIL);

      assertThat(store.load()).isEmpty();
    }
  }
}
