package dev.lanyard.it.login;

import dev.lanyard.it.support.Keycloak;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Every sign-in test: Keycloak runs before the first test (its start is bounded by its own start
 * timeout, not by the tests'), and each test is bounded.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class SignInTestBase {

  @BeforeAll
  static void keycloakRunning() {
    Keycloak.get();
  }
}
