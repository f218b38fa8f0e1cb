package dev.lanyard.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How fresh a token must be: shared by {@code token} and {@code exec}. */
final class FreshnessOptions {
  @Option(
      names = "--min-valid",
      paramLabel = "DURATION",
      description = "Renew unless the token stays valid this long, e.g. 5m (default: 0s).")
  Duration minValid = Duration.ZERO;

  @Option(
      names = "--force-refresh",
      description = "Get a new token even if the stored one is still valid.")
  boolean forceRefresh;
}
