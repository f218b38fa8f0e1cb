package dev.lanyard.example.webapp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.lanyard.LanyardException;
import dev.lanyard.LoginRequiredException;
import dev.lanyard.TokenSet;
import dev.lanyard.client.ClientAuthentication;
import dev.lanyard.example.webapp.SignedInBrowsers.Person;
import dev.lanyard.example.webapp.SignedInBrowsers.SignedIn;
import dev.lanyard.http.AuthenticatedHttpClient;
import dev.lanyard.login.LoginResult;
import dev.lanyard.login.WebLogin;
import dev.lanyard.provider.ProviderMetadata;
import dev.lanyard.verify.Identity;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The app's pages: home, login, callback, the protected API call, logout. */
final class Routes {
  private static final Logger log = LoggerFactory.getLogger(Routes.class);

  /** Binds a started sign-in to the browser that started it (no login CSRF). */
  private static final String LOGIN_COOKIE = "lanyard_login";

  private static final String NOT_SIGNED_IN =
      "<h1 id=\"who\">Not signed in</h1><p><a id=\"login\" href=\"/login\">Sign in</a></p>";

  private final URI base;
  private final ProviderMetadata provider;
  private final ClientAuthentication client;
  private final WebLogin login;
  private final SignedInBrowsers browsers;
  private final HttpClient http;

  Routes(
      URI base,
      ProviderMetadata provider,
      ClientAuthentication client,
      WebLogin login,
      SignedInBrowsers browsers,
      HttpClient http) {
    this.base = base;
    this.provider = provider;
    this.client = client;
    this.login = login;
    this.browsers = browsers;
    this.http = http;
  }

  void install(HttpServer server) {
    server.createContext("/", guarded(this::home));
    server.createContext("/login", guarded(this::login));
    server.createContext("/callback", guarded(this::callback));
    server.createContext("/api", guarded(this::api));
    server.createContext("/logout", guarded(this::logout));
  }

  private void home(HttpExchange ex) throws IOException {
    if (!ex.getRequestURI().getPath().equals("/")) {
      Html.send(ex, 404, "Not found", "<h1>Not found</h1>");
      return;
    }
    Optional<SignedIn> who = browsers.find(ex);
    if (who.isEmpty()) {
      Html.send(ex, 200, "Not signed in", NOT_SIGNED_IN);
      return;
    }
    Person id = who.get().person();
    String until =
        who.get()
            .session()
            .current()
            .flatMap(TokenSet::expiresAt)
            .map(Object::toString)
            .orElse("no expiry");
    Html.send(
        ex,
        200,
        "Signed in",
        "<h1 id=\"who\">Signed in as "
            + Html.esc(id.displayName())
            + "</h1><dl>"
            + "<dt>Username</dt><dd id=\"username\">"
            + Html.esc(id.username())
            + "</dd><dt>Subject</dt><dd id=\"subject\">"
            + Html.esc(id.subject())
            + "</dd>"
            + "<dt>Access token valid until</dt><dd>"
            + Html.esc(until)
            + "</dd></dl>"
            + "<p><a id=\"api\" href=\"/api\">Call the protected API (userinfo)</a></p>"
            + logoutForm());
  }

  private void login(HttpExchange ex) throws IOException {
    URI url = login.authorizationUrl(base.resolve("/callback"));
    Cookies.set(ex, LOGIN_COOKIE, query(url).get("state"), "/callback", Duration.ofMinutes(10));
    Html.redirect(ex, url.toString());
  }

  private void callback(HttpExchange ex) throws IOException {
    Map<String, String> params = query(ex.getRequestURI());
    Optional<String> started = Cookies.get(ex, LOGIN_COOKIE);
    Cookies.set(ex, LOGIN_COOKIE, "", "/callback", Duration.ZERO);
    String state = params.getOrDefault("state", "");
    if (started.isEmpty() || !MessageDigest.isEqual(bytes(started.get()), bytes(state))) {
      Html.send(
          ex,
          400,
          "Sign-in refused",
          "<h1>Sign-in refused</h1><p>This sign-in was not started in this browser.</p>"
              + "<p><a href=\"/login\">Sign in again</a></p>");
      return;
    }
    LoginResult result;
    try {
      result = login.complete(params);
    } catch (LanyardException e) {
      Html.send(
          ex,
          400,
          "Sign-in failed",
          "<h1>Sign-in failed</h1><p id=\"error\">"
              + Html.esc(e.getMessage())
              + "</p><p><a href=\"/login\">Try again</a></p>");
      return;
    }
    Optional<Identity> identity = result.identity();
    if (identity.isEmpty()) {
      Html.send(
          ex,
          502,
          "Sign-in failed",
          "<h1>Sign-in failed</h1><p>The provider sent no ID token.</p>");
      return;
    }
    Identity person = identity.get();
    if (!browsers.add(
        ex,
        result.tokens(),
        new Person(
            person.displayName(), person.preferredUsername().orElse(""), person.subject()))) {
      Html.send(ex, 503, "Busy", "<h1>Too many people are signed in; try again later.</h1>");
      return;
    }
    log.info("signed in: {}", identity.get().displayName());
    Html.redirect(ex, "/"); // the code leaves the address bar and the history
  }

  private void api(HttpExchange ex) throws IOException {
    Optional<SignedIn> who = browsers.find(ex);
    if (who.isEmpty()) {
      Html.send(ex, 401, "Not signed in", NOT_SIGNED_IN);
      return;
    }
    URI userinfo =
        provider
            .userinfoEndpoint()
            .orElseThrow(() -> new IllegalStateException("the provider has no userinfo endpoint"));
    AuthenticatedHttpClient api = AuthenticatedHttpClient.of(http, who.get().session());
    HttpRequest request =
        HttpRequest.newBuilder(userinfo)
            .timeout(Duration.ofSeconds(20))
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<String> response;
    try {
      response = api.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (LoginRequiredException e) {
      browsers.remove(ex);
      Html.send(
          ex,
          401,
          "Signed out",
          "<h1 id=\"who\">Your sign-in has ended</h1><p>"
              + Html.esc(e.getMessage())
              + "</p><p><a id=\"login\" href=\"/login\">Sign in</a></p>");
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling the API", e);
    }
    Html.send(
        ex,
        200,
        "Protected API",
        "<h1>Protected API as "
            + Html.esc(who.get().person().displayName())
            + "</h1>"
            + "<p>GET "
            + Html.esc(userinfo)
            + " answered <span id=\"status\">HTTP "
            + response.statusCode()
            + "</span></p><pre id=\"body\">"
            + Html.esc(response.body())
            + "</pre>");
  }

  private void logout(HttpExchange ex) throws IOException {
    if (!ex.getRequestMethod().equals("POST")) {
      // A GET must not sign out: any page could link here. The form posts, with the Lax cookie.
      Html.send(ex, 200, "Sign out", "<h1>Sign out?</h1>" + logoutForm());
      return;
    }
    Optional<String> idToken =
        browsers.find(ex).flatMap(s -> s.session().current()).flatMap(TokenSet::idToken);
    Optional<SignedIn> gone = browsers.remove(ex);
    gone.ifPresent(s -> log.info("signed out: {}", s.person().displayName()));
    Optional<URI> endSession = provider.endSessionEndpoint();
    if (endSession.isEmpty() || idToken.isEmpty()) {
      Html.redirect(ex, "/");
      return;
    }
    // RP-initiated logout: the provider ends its own session too, then sends the browser home.
    Html.redirect(
        ex,
        endSession.get()
            + "?id_token_hint="
            + enc(idToken.get())
            + "&post_logout_redirect_uri="
            + enc(base.resolve("/").toString())
            + "&client_id="
            + enc(client.clientId()));
  }

  private static String logoutForm() {
    return "<form method=\"post\" action=\"/logout\">"
        + "<button id=\"logout\" type=\"submit\">Sign out</button></form>";
  }

  /** Runs a handler; an unexpected failure becomes a 500 page without internals. */
  private static HttpHandler guarded(Handler handler) {
    return ex -> {
      try {
        handler.handle(ex);
      } catch (IOException | RuntimeException e) {
        log.warn(
            "{} {} failed: {}", ex.getRequestMethod(), ex.getRequestURI().getPath(), e.toString());
        if (ex.getResponseCode() == -1) {
          Html.send(
              ex,
              500,
              "Error",
              "<h1>Something went wrong</h1><p>" + Html.esc(e.getClass().getSimpleName()) + "</p>");
        }
      } finally {
        ex.close();
      }
    };
  }

  @FunctionalInterface
  private interface Handler {
    void handle(HttpExchange ex) throws IOException;
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> params = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.putIfAbsent(dec(name), dec(value));
    }
    return params;
  }

  private static String dec(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
