package dev.lanyard.cli;

import dev.lanyard.MalformedResponseException;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.ProviderUnreachableException;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.internal.http.ClientProof;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The two provider calls the core does not make: token revocation (RFC 7009) and dynamic client
 * registration (RFC 7591), over the same {@link Transport} (timeouts, proxy, trusted CAs, https
 * required except on loopback). Errors are the core's: the provider's own {@code error} and
 * description, or "could not reach …". Bodies are never quoted: they may hold secrets.
 */
final class ProviderCalls {
  static final String REVOCATION = "the revocation endpoint";
  static final String REGISTRATION = "the registration endpoint";

  private ProviderCalls() {}

  /**
   * Revokes {@code token} with the given {@code token_type_hint}, authenticating as {@code client}.
   */
  static void revoke(
      Transport transport, URI endpoint, ClientAuthentication client, String token, String hint)
      throws IOException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", token);
    form.put("token_type_hint", hint);
    ClientProof proof = ClientProof.of(client, endpoint);
    form.putAll(proof.parameters());
    HttpRequest.Builder b =
        request(transport, endpoint, REVOCATION)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)));
    proof.headers().forEach(b::header);
    HttpResponse<String> r = send(transport, b.build(), REVOCATION);
    if (r.statusCode() != 200) {
      throw error(r, REVOCATION);
    }
  }

  /**
   * Registers a client; returns the provider's JSON answer. {@code bearer} is an initial access
   * token or the caller's access token; without one the registration is anonymous.
   */
  static String register(Transport transport, URI endpoint, String json, Optional<String> bearer)
      throws IOException {
    HttpRequest.Builder b =
        request(transport, endpoint, REGISTRATION)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    bearer.ifPresent(t -> b.header("Authorization", "Bearer " + t));
    HttpResponse<String> r = send(transport, b.build(), REGISTRATION);
    if (r.statusCode() != 201 && r.statusCode() != 200) {
      throw error(r, REGISTRATION);
    }
    Json.parse(r.body(), "the registration response"); // must be a JSON object
    return r.body().strip();
  }

  private static HttpRequest.Builder request(Transport transport, URI endpoint, String what) {
    transport.requireSecure(endpoint, what);
    return HttpRequest.newBuilder(endpoint)
        .timeout(transport.requestTimeout())
        .header("Accept", "application/json");
  }

  private static HttpResponse<String> send(Transport transport, HttpRequest request, String what)
      throws IOException {
    try {
      return transport.httpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while calling " + what);
    } catch (IOException e) {
      URI u = request.uri();
      String reason =
          e instanceof java.net.ConnectException
              ? "connection refused"
              : e instanceof java.net.http.HttpTimeoutException
                  ? "no answer in time"
                  : e.getClass().getSimpleName();
      throw new ProviderUnreachableException(
          "could not reach "
              + what
              + " at "
              + u.getScheme()
              + "://"
              + u.getAuthority()
              + ": "
              + reason,
          e);
    }
  }

  /** The provider's OAuth error when the body is one, else a malformed-response error. */
  static IOException error(HttpResponse<String> r, String what) {
    int status = r.statusCode();
    try {
      Map<String, Object> json = com.nimbusds.jose.util.JSONObjectUtils.parse(r.body());
      if (json.get("error") instanceof String error && !error.isBlank()) {
        Object description = json.get("error_description");
        Object uri = json.get("error_uri");
        return new ProviderErrorException(
            error,
            description instanceof String d ? d : null,
            uri instanceof String u ? u : null,
            status);
      }
    } catch (java.text.ParseException | RuntimeException e) {
      // not JSON: reported below without the body
    }
    return new MalformedResponseException(
        what + " answered HTTP " + status + " without an OAuth error", status);
  }

  static String formEncode(Map<String, String> form) {
    StringJoiner j = new StringJoiner("&");
    form.forEach(
        (k, v) ->
            j.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return j.toString();
  }
}
