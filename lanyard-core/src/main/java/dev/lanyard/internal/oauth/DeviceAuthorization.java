package dev.lanyard.internal.oauth;

import dev.lanyard.MalformedResponseException;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.Scope;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.internal.http.Bodies;
import dev.lanyard.internal.http.Json;
import dev.lanyard.internal.http.TokenEndpoint;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The device authorization request and its answer (RFC 8628 §3.1, §3.2). */
public final class DeviceAuthorization {
  static final String WHAT = "the device authorization endpoint";
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
  static final long DEFAULT_EXPIRES_IN = 600;

  private DeviceAuthorization() {}

  /**
   * A started device sign-in: the secret device code, what the person is shown (the user code,
   * where to enter it, a link that carries it), until when, and how often to poll.
   */
  public record Started(
      String deviceCode,
      String userCode,
      URI verificationUri,
      @Nullable URI verificationUriComplete,
      Instant expiresAt,
      Duration interval,
      @Nullable Pkce pkce) {
    @Override
    public String toString() {
      return "Started{deviceCode=[redacted], userCode=[redacted], verificationUri="
          + verificationUri
          + ", expiresAt="
          + expiresAt
          + '}';
    }
  }

  /** What the device authorization request sends besides the PKCE challenge. */
  public record Request(
      Transport transport,
      ClientAuthentication client,
      Scope scope,
      Map<String, String> parameters,
      InstantSource clock) {}

  /** Asks for a device code; {@code pkce} may be null. */
  public static Started request(Request config, ProviderMetadata m, @Nullable Pkce pkce)
      throws IOException {
    ClientMethods.requireSupported(config.client(), m);
    URI plain =
        m.deviceAuthorizationEndpoint()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the provider has no device authorization endpoint; device login needs"
                            + " one"));
    URI endpoint =
        ClientMethods.endpoint(m, config.client(), "device_authorization_endpoint", plain);
    Map<String, String> form = new LinkedHashMap<>(config.parameters());
    form.put("scope", config.scope().toString());
    if (pkce != null) {
      form.put("code_challenge", pkce.challenge());
      form.put("code_challenge_method", Pkce.METHOD);
    }
    Instant sentAt = config.clock().instant();
    // Replayable: a repeated request only makes another code, and the first is never shown.
    HttpResponse<String> response =
        TokenEndpoint.postForm(
            config.transport(),
            endpoint,
            config.client(),
            m.issuer().orElse(null),
            form,
            true,
            WHAT,
            Bodies.Limit.DEVICE);
    return parse(response.statusCode(), response.body(), sentAt, pkce);
  }

  static Started parse(int status, String body, Instant sentAt, @Nullable Pkce pkce)
      throws MalformedResponseException, ProviderErrorException {
    Map<String, Object> json;
    try {
      json = Json.parseObject(body);
    } catch (ParseException | RuntimeException e) {
      throw new MalformedResponseException(
          WHAT + " answered HTTP " + status + " with a body that is not a JSON object", status);
    }
    try {
      if (status >= 400) {
        String error = Json.string(json, "error").filter(s -> !s.isBlank()).orElse(null);
        if (error == null) {
          throw new MalformedResponseException(
              WHAT + " answered HTTP " + status + " without an OAuth error code", status);
        }
        throw new ProviderErrorException(
            error,
            Json.string(json, "error_description").orElse(null),
            Json.string(json, "error_uri").orElse(null),
            status);
      }
      if (status != 200) {
        throw new MalformedResponseException(
            WHAT + " answered HTTP " + status + " instead of 200", status);
      }
      String deviceCode = required(json, "device_code");
      String userCode = required(json, "user_code");
      // Google says verification_url, as drafts of RFC 8628 did.
      Optional<String> verification =
          Json.string(json, "verification_uri").or(() -> optionalString(json, "verification_url"));
      URI uri =
          absolute(verification.orElseThrow(() -> new ParseException("no verification_uri", 0)));
      URI complete =
          Json.string(json, "verification_uri_complete")
              .map(DeviceAuthorization::absoluteOrNull)
              .orElse(null);
      long expiresIn = Json.number(json, "expires_in").orElse(DEFAULT_EXPIRES_IN);
      if (expiresIn <= 0 || expiresIn > 86_400) {
        throw new ParseException("expires_in is out of range", 0);
      }
      long interval = Json.number(json, "interval").orElse(DEFAULT_INTERVAL.toSeconds());
      Duration every =
          interval < 1 || interval > 300 ? DEFAULT_INTERVAL : Duration.ofSeconds(interval);
      return new Started(
          deviceCode, userCode, uri, complete, sentAt.plusSeconds(expiresIn), every, pkce);
    } catch (ParseException e) {
      throw new MalformedResponseException(
          WHAT + " answered with an invalid device authorization: " + e.getMessage(), status, e);
    }
  }

  private static String required(Map<String, Object> json, String name) throws ParseException {
    return Json.string(json, name)
        .filter(s -> !s.isEmpty())
        .orElseThrow(() -> new ParseException("no " + name, 0));
  }

  private static Optional<String> optionalString(Map<String, Object> json, String name) {
    try {
      return Json.string(json, name);
    } catch (ParseException e) {
      return Optional.empty();
    }
  }

  private static URI absolute(String s) throws ParseException {
    try {
      URI u = new URI(s);
      if (!u.isAbsolute()) {
        throw new ParseException("verification_uri is not an absolute URI", 0);
      }
      return u;
    } catch (URISyntaxException e) {
      throw new ParseException("verification_uri is not a URI", 0);
    }
  }

  private static @Nullable URI absoluteOrNull(String s) {
    try {
      return absolute(s);
    } catch (ParseException e) {
      return null; // a convenience link only: without it the person types the code
    }
  }
}
