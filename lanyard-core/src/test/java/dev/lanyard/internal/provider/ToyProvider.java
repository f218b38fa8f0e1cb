package dev.lanyard.internal.provider;

import dev.lanyard.AuthorizationDeniedException;
import dev.lanyard.ProviderErrorException;
import dev.lanyard.http.RequestAuthorizer;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The smallest non-OAuth provider plug-in, for testing the machinery that runs one: its callback
 * carries {@code user} and {@code code} (or {@code error}); a code redeems into a token, except
 * {@code bad}, which the "provider" refuses. Nothing is sent anywhere: tests play the provider by
 * calling the callback URL themselves.
 */
class ToyProvider implements CallbackProvider {
  static final URI LOGIN = URI.create("https://toy.example.org/login");

  private final int defaultPort;
  final AtomicInteger redeemed = new AtomicInteger();

  ToyProvider(int defaultPort) {
    this.defaultPort = defaultPort;
  }

  ToyProvider() {
    this(0);
  }

  @Override
  public String id() {
    return "toy";
  }

  @Override
  public int defaultPort() {
    return defaultPort;
  }

  @Override
  public URI loginUrl(URI callbackUrl) {
    return URI.create(
        LOGIN + "?return=" + URLEncoder.encode(callbackUrl.toString(), StandardCharsets.UTF_8));
  }

  /** The callback URL inside a login URL. */
  static URI callback(URI loginUrl) {
    return URI.create(query(loginUrl).get("return"));
  }

  /** The decoded query of a URL. */
  static Map<String, String> query(URI uri) {
    Map<String, String> query = new HashMap<>();
    String raw = uri.getRawQuery();
    for (String pair : raw == null ? new String[0] : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        query.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return query;
  }

  @Override
  public CallbackResponse read(Map<String, String> parameters) {
    String error = parameters.get("error");
    if (error != null) {
      return CallbackResponse.denied(
          new AuthorizationDeniedException(error, "toy refused the sign-in: " + error));
    }
    for (String name : new String[] {"user", "code"}) {
      if (parameters.getOrDefault(name, "").isEmpty()) {
        return CallbackResponse.incomplete("no " + name + " parameter");
      }
    }
    return CallbackResponse.accepted(
        Map.of("user", parameters.get("user"), "code", parameters.get("code")));
  }

  @Override
  public Credentials redeem(CallbackResponse.Accepted accepted) throws ProviderErrorException {
    redeemed.incrementAndGet();
    String code = accepted.parameter("code").orElseThrow();
    if (code.equals("bad")) {
      throw new ProviderErrorException("invalid_grant", "the code is not good", null, 400);
    }
    return credentials(accepted.parameter("user").orElseThrow(), "t-" + code);
  }

  static Credentials credentials(String user, String token) {
    return Credentials.of("toy", Map.of("user", user, "token", token));
  }

  @Override
  public Optional<SecretSignIn> secretSignIn() {
    return Optional.of((user, secret) -> credentials(user, secret));
  }

  @Override
  public RequestAuthorizer authenticator(Credentials credentials) {
    credentials.requireProvider(id());
    return RequestAuthorizer.header("X-Toy-Token", credentials.require("token"));
  }

  @Override
  public ProviderIdentity describe(Credentials credentials) {
    return ProviderIdentity.of(credentials.requireProvider(id()).require("user"));
  }
}
