package dev.lanyard.redis;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the shared {@link RedisServer} when the JUnit launcher session ends, pass or fail.
 * Registered through META-INF/services; the shutdown hook covers the rest.
 */
public final class RedisServerSessionListener implements LauncherSessionListener {
  @Override
  public void launcherSessionClosed(LauncherSession session) {
    RedisServer.stopShared();
  }
}
