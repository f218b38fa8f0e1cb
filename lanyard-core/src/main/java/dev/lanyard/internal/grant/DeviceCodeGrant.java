package dev.lanyard.internal.grant;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A device code being polled for (RFC 8628 §3.4), with the PKCE verifier when the device
 * authorization carried a challenge; only a device login makes one. {@link #toString()} shows
 * neither.
 */
public final class DeviceCodeGrant {
  private final String deviceCode;
  private final @Nullable String codeVerifier;

  private DeviceCodeGrant(String deviceCode, @Nullable String codeVerifier) {
    if (Objects.requireNonNull(deviceCode, "deviceCode").isEmpty()) {
      throw new IllegalArgumentException("deviceCode must not be empty");
    }
    if (codeVerifier != null && codeVerifier.isEmpty()) {
      throw new IllegalArgumentException("codeVerifier must not be empty");
    }
    this.deviceCode = deviceCode;
    this.codeVerifier = codeVerifier;
  }

  /** A device code from a device authorization without PKCE. */
  public static DeviceCodeGrant of(String deviceCode) {
    return new DeviceCodeGrant(deviceCode, null);
  }

  /** A device code from a device authorization that was started with a PKCE challenge. */
  public static DeviceCodeGrant of(String deviceCode, String codeVerifier) {
    return new DeviceCodeGrant(deviceCode, Objects.requireNonNull(codeVerifier, "codeVerifier"));
  }

  /** The device code being polled for. */
  public String deviceCode() {
    return deviceCode;
  }

  /** The PKCE verifier, when the device authorization carried a challenge. */
  public Optional<String> codeVerifier() {
    return Optional.ofNullable(codeVerifier);
  }

  @Override
  public String toString() {
    return "DeviceCode{deviceCode=[redacted]"
        + (codeVerifier != null ? ", codeVerifier=[redacted]" : "")
        + '}';
  }
}
