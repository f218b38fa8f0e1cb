package dev.lanyard.login;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Shows a person the code of a device sign-in, once, before the device starts polling. A command
 * line prints it; a GUI may show a dialog or a QR code of {@link
 * DeviceCode#verificationUriComplete()}.
 */
@FunctionalInterface
public interface DevicePrompt {

  /** Shows {@code code}'s user code and verification URI; returns at once, the login polls. */
  void show(DeviceCode code);

  /** Prints the instructions a line at a time, e.g. {@code printingTo(System.err::println)}. */
  static DevicePrompt printingTo(Consumer<String> printer) {
    Objects.requireNonNull(printer, "printer");
    return code -> {
      printer.accept(
          "To sign in, open "
              + code.verificationUri()
              + " in a browser and enter the code "
              + code.userCode());
      code.verificationUriComplete()
          .ifPresent(uri -> printer.accept("  or open this link, which fills in the code: " + uri));
      printer.accept("The code expires at " + code.expiresAt() + ".");
    };
  }
}
