package dev.lanyard.labarchives;

import dev.lanyard.http.Authorization;
import dev.lanyard.http.RequestAuthorizer;
import dev.lanyard.labarchives.plugin.LabArchivesProvider;
import dev.lanyard.login.LoopbackOptions;
import dev.lanyard.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The LabArchives API for one application: signed requests, the sign-in URL, and the three ways a
 * person signs in (browser, web application, External App credentials), each ending in a {@link
 * LabArchivesUser} with their notebooks.
 *
 * <pre>{@code
 * LabArchives la = LabArchives.fromEnvironment();   // API_URL, ACCESS_KEYID, ACCESS_PWD, .env
 *
 * // a person at this machine: browser, loopback callback on 127.0.0.1:8089
 * LabArchivesUser user = la.browserLogin().login();
 * Notebook notebook = user.notebook("Lab book");
 *
 * // or an e-mail and a password token copied from LabArchives' "External App authentication"
 * LabArchivesUser same = la.login("ada@example.org", passwordToken);
 *
 * // any API call: signed just before it is sent
 * HttpRequest request = la.request("notebooks/notebook_info",
 *     Map.of("uid", user.id(), "nbid", notebook.id())).build();
 * }</pre>
 *
 * <p>Every call is signed with {@code sig = base64(HMAC-SHA512(ACCESS_PWD, ACCESS_KEYID + method +
 * expires))}, {@code method} being the call's last path segment and {@code expires} now + 60 s in
 * milliseconds; the query gets {@code akid}, {@code expires} and {@code sig}. The login URL has its
 * own lifetime, 5 minutes, since a person may need that long to get through single sign-on.
 * Immutable and thread-safe; {@link #toString()} never shows the access password.
 */
public final class LabArchives {
  /** Where LabArchives' API lives unless {@code API_URL} says otherwise. */
  public static final URI DEFAULT_API_URL = URI.create("https://api.labarchives.com");

  /** The loopback port a browser login collects the callback on unless told otherwise. */
  public static final int DEFAULT_CALLBACK_PORT = 8089;

  private static final Pattern CALL = Pattern.compile("[a-z_]+/[a-z_]+");

  private final URI apiUrl;
  private final String accessKeyId;
  private final String accessPassword;
  private final Duration signatureLifetime;
  private final Duration loginUrlLifetime;
  private final InstantSource clock;
  private final Transport transport;

  LabArchives(
      URI apiUrl,
      String accessKeyId,
      String accessPassword,
      Duration signatureLifetime,
      Duration loginUrlLifetime,
      InstantSource clock,
      Transport transport) {
    this.apiUrl = apiUrl;
    this.accessKeyId = accessKeyId;
    this.accessPassword = accessPassword;
    this.signatureLifetime = signatureLifetime;
    this.loginUrlLifetime = loginUrlLifetime;
    this.clock = clock;
    this.transport = transport;
  }

  /**
   * Configured from {@code API_URL}, {@code ACCESS_KEYID} and {@code ACCESS_PWD} in the
   * environment, else in {@code .env} in the working directory.
   *
   * @throws IllegalStateException naming what is missing
   * @throws IOException when {@code .env} exists but cannot be read
   */
  public static LabArchives fromEnvironment() throws IOException {
    return builder().build();
  }

  /** A builder, for settings that differ from the environment's. */
  public static Builder builder() {
    return new Builder();
  }

  /** The server's base URL, e.g. {@code https://api.labarchives.com}. */
  public URI apiUrl() {
    return apiUrl;
  }

  /** The application's access key id ({@code akid}). */
  public String accessKeyId() {
    return accessKeyId;
  }

  /**
   * The URL that signs a person in and sends them to {@code redirectUri} with {@code email} and
   * {@code auth_code} (or {@code error}): {@code {API_URL}/api_user_login}, signed for the redirect
   * URI itself and good for the {@linkplain Builder#loginUrlLifetime login URL lifetime} (5 minutes
   * by default), not the shorter lifetime of API calls.
   */
  public URI loginUrl(URI redirectUri) {
    Objects.requireNonNull(redirectUri, "redirectUri");
    String redirect = redirectUri.toString();
    long expires = clock.millis() + loginUrlLifetime.toMillis();
    String sig = Signatures.signature(accessKeyId, redirect, expires, accessPassword);
    return URI.create(
        apiUrl
            + "/api_user_login?akid="
            + Signatures.component(accessKeyId)
            + "&expires="
            + expires
            + "&redirect_uri="
            + Signatures.component(redirect)
            + "&sig="
            + Signatures.component(sig));
  }

  /**
   * An unsigned API URL: {@code {API_URL}/api/{call}} with these parameters, e.g. {@code
   * apiUri("users/user_access_info", Map.of("login_or_email", email))}.
   */
  public URI apiUri(String call, Map<String, String> parameters) {
    Objects.requireNonNull(call, "call");
    if (!CALL.matcher(call).matches()) {
      throw new IllegalArgumentException(
          "call must be an API class and method such as users/user_access_info, was " + call);
    }
    String query = Signatures.encode(parameters);
    return URI.create(apiUrl + "/api/" + call + (query.isEmpty() ? "" : "?" + query));
  }

  /**
   * {@code apiCall} signed: {@code akid}, {@code expires} (now + the signature lifetime) and {@code
   * sig} appended to its query.
   *
   * @throws IllegalArgumentException when the URI is not on this API's server or already signed
   */
  public URI sign(URI apiCall) {
    Objects.requireNonNull(apiCall, "apiCall");
    if (!Objects.equals(apiCall.getScheme(), apiUrl.getScheme())
        || !Objects.equals(apiCall.getRawAuthority(), apiUrl.getRawAuthority())) {
      throw new IllegalArgumentException(
          "not a call to the LabArchives API at " + apiUrl + ": " + apiCall.getRawAuthority());
    }
    return Signatures.signed(
        apiCall, accessKeyId, Signatures.method(apiCall), expires(), accessPassword);
  }

  /** A signed GET of {@code {API_URL}/api/{call}} with these parameters, ready to send. */
  public HttpRequest.Builder request(String call, Map<String, String> parameters) {
    return HttpRequest.newBuilder(sign(apiUri(call, parameters)))
        .timeout(transport.requestTimeout())
        .GET();
  }

  /**
   * Signs every request to this API just before it is sent, for Lanyard's HTTP integrations: {@code
   * AuthenticatedHttpClient.of(http, la.authenticator())}.
   */
  public RequestAuthorizer authenticator() {
    return (method, uri) -> Authorization.of(sign(uri), Map.of());
  }

  /**
   * Signs a user in: {@code users/user_access_info} with {@code login_or_email} and {@code
   * password}, where the password is the {@code auth_code} of a sign-in callback or a password
   * token for external applications.
   *
   * @throws LabArchivesAuthenticationException when LabArchives refuses who is calling
   * @throws LabArchivesApiException for LabArchives' other errors
   * @throws dev.lanyard.MalformedResponseException when the answer is not a user document
   */
  public LabArchivesUser login(String email, String authCodeOrPasswordToken) throws IOException {
    requireText(email, "email");
    requireText(authCodeOrPasswordToken, "authCodeOrPasswordToken");
    Map<String, String> params = new LinkedHashMap<>();
    params.put("login_or_email", email);
    params.put("password", authCodeOrPasswordToken);
    String call = "users/user_access_info";
    return UserDocument.read(
        ApiCalls.get(transport, sign(apiUri(call, params)), call), call, email, null);
  }

  /**
   * The user with this id ({@link LabArchivesUser#id()}) as LabArchives has them now, notebooks
   * included: {@code users/user_info_via_id}. For an application that kept the user id of an
   * earlier sign-in.
   *
   * @throws LabArchivesApiException when LabArchives knows no such user
   * @throws dev.lanyard.MalformedResponseException when the answer is not this user's document
   */
  public LabArchivesUser user(String userId) throws IOException {
    requireText(userId, "userId");
    String call = "users/user_info_via_id";
    return UserDocument.read(
        ApiCalls.get(transport, sign(apiUri(call, Map.of("uid", userId))), call),
        call,
        null,
        userId);
  }

  /**
   * The user's notebooks as they are now, asked again: notebooks made or shared since the sign-in
   * are in the list, those removed are not. {@code user.notebooks()} stays what it was.
   */
  public List<Notebook> notebooks(LabArchivesUser user) throws IOException {
    Objects.requireNonNull(user, "user");
    return user(user.id()).notebooks();
  }

  /**
   * A browser login on the loopback callback, 127.0.0.1:{@value #DEFAULT_CALLBACK_PORT}, with a
   * random callback path and 300 s to sign in; it opens the system browser.
   */
  public LabArchivesBrowserLogin browserLogin() {
    return browserLogin(LoopbackOptions.defaults());
  }

  /**
   * A browser login with these options (port, callback path, timeout, how the browser opens, where
   * messages go); a port not set there is {@value #DEFAULT_CALLBACK_PORT}.
   */
  public LabArchivesBrowserLogin browserLogin(LoopbackOptions options) {
    return new LabArchivesBrowserLogin(new LabArchivesProvider(this), options);
  }

  /** A web login for an application that owns its callback URL; see the module's README. */
  public LabArchivesWebLogin.Builder webLogin() {
    return new LabArchivesWebLogin.Builder(new LabArchivesProvider(this), transport, clock);
  }

  private long expires() {
    return clock.millis() + signatureLifetime.toMillis();
  }

  private static void requireText(String s, String name) {
    if (Objects.requireNonNull(s, name).isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  /** The API URL and access key id; never the access password. */
  @Override
  public String toString() {
    return "LabArchives{apiUrl=" + apiUrl + ", accessKeyId=" + accessKeyId + '}';
  }

  /**
   * Builds a {@link LabArchives}. Each of the API URL, access key id and access password comes
   * from, in this order: the value given here, the environment, the {@code .env} file in the
   * working directory; the API URL defaults to {@link #DEFAULT_API_URL}. Each may be set once.
   */
  public static final class Builder {
    URI apiUrl;
    String accessKeyId;
    String accessPassword;
    Map<String, String> environment = System.getenv();
    Path workingDirectory = Path.of("");
    boolean dotEnv = true;
    Duration signatureLifetime = Duration.ofSeconds(60);
    Duration loginUrlLifetime = Duration.ofMinutes(5);
    InstantSource clock = InstantSource.system();
    Transport transport = Transport.defaults();

    private Builder() {}

    /** The server, e.g. {@code https://auapi.labarchives.com}; instead of {@code API_URL}. */
    public Builder apiUrl(URI apiUrl) {
      if (this.apiUrl != null) {
        throw new IllegalStateException("apiUrl was already set to " + this.apiUrl);
      }
      this.apiUrl = Objects.requireNonNull(apiUrl, "apiUrl");
      return this;
    }

    /** The application's access key id; instead of {@code ACCESS_KEYID}. */
    public Builder accessKeyId(String accessKeyId) {
      if (this.accessKeyId != null) {
        throw new IllegalStateException("accessKeyId was already set to " + this.accessKeyId);
      }
      this.accessKeyId = Configuration.nonBlank(accessKeyId, "accessKeyId");
      return this;
    }

    /** The application's access password; instead of {@code ACCESS_PWD}. */
    public Builder accessPassword(String accessPassword) {
      if (this.accessPassword != null) {
        throw new IllegalStateException("accessPassword was already set");
      }
      this.accessPassword = Configuration.nonBlank(accessPassword, "accessPassword");
      return this;
    }

    /** The environment variables to read; default this process's. */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
      return this;
    }

    /** Where {@code .env} is looked for; default the working directory. */
    public Builder workingDirectory(Path workingDirectory) {
      this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
      return this;
    }

    /** Reads no {@code .env} file. */
    public Builder noDotEnv() {
      this.dotEnv = false;
      return this;
    }

    /** How long a signature is good for: {@code expires} is now plus this; default 60 s. */
    public Builder signatureLifetime(Duration lifetime) {
      Objects.requireNonNull(lifetime, "lifetime");
      if (lifetime.isNegative() || lifetime.isZero()) {
        throw new IllegalArgumentException("signatureLifetime must be positive, was " + lifetime);
      }
      this.signatureLifetime = lifetime;
      return this;
    }

    /**
     * How long a {@linkplain LabArchives#loginUrl login URL} is good for, separate from the
     * signature of API calls: the person may need minutes to get through single sign-on; default 5
     * minutes.
     */
    public Builder loginUrlLifetime(Duration lifetime) {
      Objects.requireNonNull(lifetime, "lifetime");
      if (lifetime.isNegative() || lifetime.isZero()) {
        throw new IllegalArgumentException("loginUrlLifetime must be positive, was " + lifetime);
      }
      this.loginUrlLifetime = lifetime;
      return this;
    }

    /** The clock signatures are dated by; default system. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How LabArchives is called (timeouts, proxy, CA); default {@link Transport#defaults()}. */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * The client for the configured API.
     *
     * @throws IllegalStateException naming the variable to set when a value is missing
     * @throws IllegalArgumentException when the API URL is not an HTTPS server address
     * @throws IOException when {@code .env} exists but cannot be read
     */
    public LabArchives build() throws IOException {
      return Configuration.resolve(this);
    }
  }
}
