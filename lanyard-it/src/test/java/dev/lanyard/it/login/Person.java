package dev.lanyard.it.login;

import dev.lanyard.it.support.Browser;
import dev.lanyard.login.DeviceCode;
import dev.lanyard.login.DevicePrompt;

/**
 * What a person does on Keycloak 26's pages (theme keycloak.v2): sign in ({@code #username}, {@code
 * #password}, {@code #kc-login}), answer the consent page ({@code #kc-login} "Yes", {@code
 * #kc-cancel} "No"), enter a device code ({@code #device_user_code}).
 */
final class Person {
  static final String CONSENT_QUESTION = "Do you grant these access privileges?";
  static final String DEVICE_APPROVED = "Device Login Successful";
  static final String DEVICE_DENIED = "Consent denied for connecting the device.";

  /** Texts of Lanyard's loopback pages: one of them ends every browser sign-in. */
  static final String LOOPBACK_SIGNED_IN = "Signed in. You can close this tab.";

  static final String LOOPBACK_FAILED = "The sign-in failed";
  static final String LOOPBACK_REFUSED = "The sign-in was refused";

  /** How the person answers a consent page. */
  enum Consent {
    GRANT("kc-login"),
    DENY("kc-cancel");

    final String button;

    Consent(String button) {
      this.button = button;
    }
  }

  private final String username;
  private final String password;
  private final Consent consent;

  private Person(String username, String password, Consent consent) {
    this.username = username;
    this.password = password;
    this.consent = consent;
  }

  static Person alice() {
    return new Person("alice", "alice-password", Consent.GRANT);
  }

  static Person bob() {
    return new Person("bob", "bob-password", Consent.GRANT);
  }

  /** The same person, answering consent pages this way. */
  Person consenting(Consent answer) {
    return new Person(username, password, answer);
  }

  /**
   * On the login page of a browser sign-in: replaces any pre-filled username, signs in, answers a
   * consent page if one comes, and waits for Lanyard's loopback page.
   */
  void signsInAtLoopback(Browser browser) {
    browser.signIn(username, password);
    String shown =
        browser.waitForAnyText(
            CONSENT_QUESTION, LOOPBACK_SIGNED_IN, LOOPBACK_FAILED, LOOPBACK_REFUSED);
    if (shown.equals(CONSENT_QUESTION)) {
      browser.click(consent.button);
      browser.waitForAnyText(LOOPBACK_SIGNED_IN, LOOPBACK_FAILED, LOOPBACK_REFUSED);
    }
  }

  /**
   * A device prompt that acts at once: opens {@code verification_uri_complete} (or, when {@code
   * typesCode}, the plain verification URI and types the code), signs in and answers the consent
   * page (Keycloak 26 asks for every device sign-in, also for clients without consent required).
   */
  DevicePrompt approvesDevice(Browser browser, boolean typesCode) {
    return code -> {
      enterCode(browser, code, typesCode);
      browser.signIn(username, password);
      if (browser.waitForAnyText(CONSENT_QUESTION, DEVICE_APPROVED).equals(CONSENT_QUESTION)) {
        browser.click(consent.button);
        browser.waitForAnyText(DEVICE_APPROVED, DEVICE_DENIED);
      }
    };
  }

  private static void enterCode(Browser browser, DeviceCode code, boolean typesCode) {
    if (typesCode || code.verificationUriComplete().isEmpty()) {
      browser.open(code.verificationUri());
      browser.type("device_user_code", code.userCode());
      browser.click("kc-login");
    } else {
      browser.open(code.verificationUriComplete().get());
    }
    browser.waitFor("username");
  }

  @Override
  public String toString() {
    return username;
  }
}
