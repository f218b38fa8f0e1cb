package dev.lanyard.profiles.config;

import java.util.Locale;

/** How a profile signs in. */
public enum Flow {
  /** Authorization code with PKCE through the person's browser and a loopback callback. */
  BROWSER("browser"),
  /** Device authorization (RFC 8628): a code entered on another device. */
  DEVICE("device"),
  /** Username and password (resource owner password grant), optionally with a one-time code. */
  PASSWORD("password"),
  /** The client signs in as itself with its secret. */
  CLIENT_CREDENTIALS("client-credentials"),
  /** A refresh token obtained elsewhere. */
  REFRESH_TOKEN("refresh-token"),
  /** A static token such as a personal access token. */
  TOKEN("token");

  private final String id;

  Flow(String id) {
    this.id = id;
  }

  /** The name in flags and config files, e.g. {@code client-credentials}. */
  public String id() {
    return id;
  }

  /** True when signing in needs a person at a browser. */
  public boolean interactive() {
    return this == BROWSER || this == DEVICE;
  }

  /**
   * Parses a flow name; {@code _} and {@code -} are the same.
   *
   * @throws IllegalArgumentException listing the flows when the name is none of them
   */
  public static Flow parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    for (Flow f : values()) {
      if (f.id.equals(t)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown flow '"
            + text
            + "'; use browser, device, password, client-credentials,"
            + " refresh-token or token");
  }

  @Override
  public String toString() {
    return id;
  }
}
