package dev.lanyard.login;

import static org.assertj.core.api.Assertions.assertThat;

/** Waits, with a deadline, until a thread is parked in a wait: no guessing with sleeps. */
final class Blocked {
  private Blocked() {}

  static void await(Thread thread) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (true) {
      Thread.State state = thread.getState();
      if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
        return;
      }
      assertThat(System.nanoTime()).as("%s starts waiting", thread.getName()).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }
}
