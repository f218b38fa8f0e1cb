package dev.lanyard.it.support;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the shared {@link Keycloak} when the JUnit launcher session ends, i.e. after the last test
 * of the surefire run, pass or fail. Registered through META-INF/services; the JVM shutdown hook
 * that {@link Keycloak} installs covers the cases where the session does not close normally.
 */
public final class KeycloakLauncherSessionListener implements LauncherSessionListener {

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    Keycloak.stopIfStarted();
  }
}
