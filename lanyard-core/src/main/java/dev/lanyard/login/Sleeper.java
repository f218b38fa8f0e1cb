package dev.lanyard.login;

import java.time.Duration;

/** Waits between device polls; tests pass one that moves a fake clock instead of sleeping. */
@FunctionalInterface
interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;
}
