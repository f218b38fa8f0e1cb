package dev.lanyard.login;

import dev.lanyard.internal.oauth.DeviceAuthorization;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a person needs to approve a device sign-in (RFC 8628 §3.2): the code to enter, where to
 * enter it, and until when. The device code itself, the secret the device polls with, is not here.
 */
public final class DeviceCode {
  private final String userCode;
  private final URI verificationUri;
  private final @Nullable URI verificationUriComplete;
  private final Instant expiresAt;
  private final Duration interval;

  DeviceCode(
      String userCode,
      URI verificationUri,
      @Nullable URI verificationUriComplete,
      Instant expiresAt,
      Duration interval) {
    this.userCode = Objects.requireNonNull(userCode, "userCode");
    this.verificationUri = Objects.requireNonNull(verificationUri, "verificationUri");
    this.verificationUriComplete = verificationUriComplete;
    this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    this.interval = Objects.requireNonNull(interval, "interval");
  }

  static DeviceCode of(DeviceAuthorization.Started started) {
    return new DeviceCode(
        started.userCode(),
        started.verificationUri(),
        started.verificationUriComplete(),
        started.expiresAt(),
        started.interval());
  }

  /** The code the person enters, e.g. {@code WDJB-MJHT}. */
  public String userCode() {
    return userCode;
  }

  /** Where to enter it, e.g. {@code https://id.example.org/device}. */
  public URI verificationUri() {
    return verificationUri;
  }

  /** A link that carries the code already (good for a QR code); not every provider sends one. */
  public Optional<URI> verificationUriComplete() {
    return Optional.ofNullable(verificationUriComplete);
  }

  /** When the code expires; the login gives up then. */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** How long the device waits between polls, as the provider asked. */
  public Duration interval() {
    return interval;
  }

  @Override
  public String toString() {
    return "DeviceCode{userCode=[redacted], verificationUri="
        + verificationUri
        + ", expiresAt="
        + expiresAt
        + '}';
  }
}
