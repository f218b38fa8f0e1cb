package dev.lanyard.cli;

import dev.lanyard.login.DeviceCode;
import dev.lanyard.login.DevicePrompt;
import dev.lanyard.profiles.config.Durations;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Shows a device sign-in on standard error: where to go, the code (bold), the link that fills in
 * the code, a QR code of that link when standard error is a terminal, and a live countdown until
 * the code expires or the login's timeout, whichever comes first.
 */
final class DeviceScreen implements DevicePrompt, AutoCloseable {
  private final PrintWriter err;
  private final Style style;
  private final boolean terminal;
  private final InstantSource clock;
  private final Instant giveUp;
  private Countdown countdown;

  DeviceScreen(
      PrintWriter err, Style style, boolean terminal, InstantSource clock, Duration timeout) {
    this.err = err;
    this.style = style;
    this.terminal = terminal;
    this.clock = clock;
    this.giveUp = clock.instant().plus(timeout);
  }

  @Override
  public void show(DeviceCode code) {
    err.println("To sign in, open this page on any device with a browser:");
    err.println("  " + style.bold(code.verificationUri().toString()));
    err.println("and enter the code:");
    err.println("  " + style.bold(code.userCode()));
    code.verificationUriComplete().ifPresent(this::showLink);
    Instant deadline = code.expiresAt().isBefore(giveUp) ? code.expiresAt() : giveUp;
    err.println(
        "The code expires "
            + Durations.relative(Duration.between(clock.instant(), code.expiresAt()))
            + ".");
    err.flush();
    countdown =
        Countdown.start(err, style, terminal, clock, deadline, "Waiting for you to approve");
  }

  private void showLink(URI complete) {
    err.println("Or open this link, which fills in the code:");
    err.println("  " + complete);
    if (terminal) {
      err.println();
      for (String line : QrText.render(complete.toString())) {
        err.println("  " + line);
      }
      err.println();
    }
  }

  /** Stops the countdown. */
  @Override
  public void close() {
    if (countdown != null) {
      countdown.close();
    }
  }
}
