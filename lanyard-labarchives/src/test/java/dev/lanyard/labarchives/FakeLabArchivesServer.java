package dev.lanyard.labarchives;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TEST CODE: a stand-in for LabArchives, since no LabArchives server can run here. It implements
 * the documented protocol on 127.0.0.1 and nothing more:
 *
 * <ul>
 *   <li>every call must carry the known {@code akid}, an {@code expires} not in the past, and a
 *       {@code sig} the server recomputes itself ({@code base64(HMAC-SHA512(password, akid + method
 *       + expires))}, method = the redirect URI for {@code api_user_login}, else the last path
 *       segment) and compares;
 *   <li>{@code GET /api_user_login} signs the configured person in at once and redirects (302) to
 *       {@code redirect_uri} with {@code email} and a fresh one-time {@code auth_code} (or with
 *       {@code error} after {@link #denyNextLogin});
 *   <li>{@code GET /api/users/user_access_info} takes {@code login_or_email} and {@code password}
 *       (an unused auth code of that person, or a password token from {@link #passwordToken}) and
 *       answers with a {@code <users>} XML document;
 *   <li>{@code GET /api/users/user_info_via_id} takes the {@code uid} of a user who signed in and
 *       answers with the same document, notebooks as they are now ({@link #addNotebook}).
 * </ul>
 *
 * <p>Signatures are judged by this server's own clock ({@link #clock}), so a test can let time pass
 * without waiting.
 *
 * <p>Refusals are {@code <error><error-code>..</error-code><error-description>..
 * </error-description></error>} with HTTP 400. Which of the authentication codes stands for which
 * refusal is this fake's own choice: unknown akid 4506, wrong password or code 4514, bad signature
 * 4520, expired {@code expires} 4533; an unknown uid is 4512 (not an authentication code).
 */
public final class FakeLabArchivesServer implements AutoCloseable {
  public static final String AKID = "lanyard-test-akid";
  public static final String PASSWORD = "test-access-password/+=";
  public static final String ADA = "ada@example.org";
  public static final String ADA_UID = "285489257Ho's9^Lt4116011183268315271";

  /** The notebooks every user has until {@link #addNotebook} adds more. */
  public static final List<Notebook> ADAS_NOTEBOOKS =
      List.of(
          new Notebook("NDYyMjIuOHwzNTU1Ng==", "Analytical engine", false),
          new Notebook("MzU1NTYvTm90ZWJvb2s=", "Notes & sketches", true));

  private final HttpServer server;
  private final Map<String, String> codes = new ConcurrentHashMap<>(); // one-time code -> email
  private final Map<String, String> tokens = new ConcurrentHashMap<>(); // token -> email
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final AtomicReference<String[]> nextError = new AtomicReference<>();
  private final AtomicReference<String> nextDenial = new AtomicReference<>();
  private final AtomicReference<String> nextBody = new AtomicReference<>();
  private final Map<String, String> users = new ConcurrentHashMap<>(); // uid -> email
  private final Map<String, List<Notebook>> added = new ConcurrentHashMap<>(); // email -> more
  private volatile String person = ADA;
  private volatile InstantSource clock = InstantSource.system();

  private FakeLabArchivesServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", this::handle);
    server.setExecutor(
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "fake-labarchives");
              t.setDaemon(true);
              return t;
            }));
    server.start();
  }

  public static FakeLabArchivesServer start() {
    try {
      return new FakeLabArchivesServer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:port}: the API_URL. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** A client of this server, with the right access key. */
  public LabArchives.Builder client() {
    return LabArchives.builder()
        .apiUrl(url())
        .accessKeyId(AKID)
        .accessPassword(PASSWORD)
        .environment(Map.of())
        .noDotEnv();
  }

  /** Who signs in at {@code api_user_login} from now on. */
  public void signsIn(String email) {
    person = email;
  }

  /** A password token for external applications, as the web UI would show {@code email}. */
  public String passwordToken(String email) {
    String token = "pt-" + random();
    tokens.put(token, email);
    return token;
  }

  /** The next {@code user_access_info} call is answered with this error code. */
  public void failNext(String code, String description) {
    nextError.set(new String[] {code, description});
  }

  /** The next {@code api_user_login} redirects back with {@code error}. */
  public void denyNextLogin(String error) {
    nextDenial.set(error);
  }

  /** The next {@code user_access_info} that passes the checks is answered with this body. */
  public void answerNext(String body) {
    nextBody.set(body);
  }

  /** The clock that judges {@code expires}; default the system's. */
  public void clock(InstantSource clock) {
    this.clock = clock;
  }

  /** {@code email} gets one more notebook, as if made in LabArchives' web UI. */
  public void addNotebook(String email, Notebook notebook) {
    added.computeIfAbsent(email, e -> new CopyOnWriteArrayList<>()).add(notebook);
  }

  /** The paths called so far, in order (never a query: it holds secrets). */
  public List<String> calls() {
    return List.copyOf(calls);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      calls.add(path);
      Map<String, String> q = query(ex.getRequestURI().getRawQuery());
      if (path.equals("/api_user_login")) {
        login(ex, q);
      } else if (path.equals("/api/users/user_access_info")) {
        userAccessInfo(ex, q);
      } else if (path.equals("/api/users/user_info_via_id")) {
        userInfoViaId(ex, q);
      } else {
        error(ex, 404, "4501", "unknown API call");
      }
    }
  }

  private void login(HttpExchange ex, Map<String, String> q) throws IOException {
    String redirect = q.get("redirect_uri");
    if (redirect == null) {
      error(ex, 400, "4503", "redirect_uri is required");
      return;
    }
    if (refused(ex, q, redirect)) {
      return;
    }
    String denial = nextDenial.getAndSet(null);
    String back =
        denial != null
            ? "error=" + enc(denial)
            : "email=" + enc(person) + "&auth_code=" + enc(issueCode(person));
    ex.getResponseHeaders().set("Location", redirect + (redirect.contains("?") ? "&" : "?") + back);
    ex.sendResponseHeaders(302, -1);
  }

  private String issueCode(String email) {
    String code = "ac-" + random();
    codes.put(code, email);
    return code;
  }

  private void userAccessInfo(HttpExchange ex, Map<String, String> q) throws IOException {
    String[] scripted = nextError.getAndSet(null);
    if (scripted != null) {
      error(ex, 400, scripted[0], scripted[1]);
      return;
    }
    if (refused(ex, q, "user_access_info")) {
      return;
    }
    String email = q.getOrDefault("login_or_email", "");
    String secret = q.getOrDefault("password", "");
    boolean byCode = email.equals(codes.remove(secret)); // a code is good once, even when wrong
    if (!byCode && !email.equals(tokens.get(secret))) {
      error(ex, 400, "4514", "The login or password is incorrect");
      return;
    }
    String body = nextBody.getAndSet(null);
    send(ex, 200, body != null ? body : userDocument(email));
  }

  private void userInfoViaId(HttpExchange ex, Map<String, String> q) throws IOException {
    if (refused(ex, q, "user_info_via_id")) {
      return;
    }
    String email = users.get(q.getOrDefault("uid", ""));
    if (email == null) {
      error(ex, 400, "4512", "No user with this uid");
      return;
    }
    String body = nextBody.getAndSet(null);
    send(ex, 200, body != null ? body : userDocument(email));
  }

  /** Checks akid, expires and sig; answers the refusal and returns true when one fails. */
  private boolean refused(HttpExchange ex, Map<String, String> q, String method)
      throws IOException {
    if (!AKID.equals(q.get("akid"))) {
      error(ex, 400, "4506", "The akid is not valid");
      return true;
    }
    long expires;
    try {
      expires = Long.parseLong(q.getOrDefault("expires", ""));
    } catch (NumberFormatException e) {
      error(ex, 400, "4533", "expires is missing or not a number");
      return true;
    }
    if (expires < clock.millis()) {
      error(ex, 400, "4533", "The signature has expired");
      return true;
    }
    String expected = hmac(AKID + method + expires);
    if (!MessageDigest.isEqual(
        expected.getBytes(UTF_8), q.getOrDefault("sig", "").getBytes(UTF_8))) {
      error(ex, 400, "4520", "The supplied signature parameter was invalid");
      return true;
    }
    return false;
  }

  private static String hmac(String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA512");
      mac.init(new SecretKeySpec(PASSWORD.getBytes(UTF_8), "HmacSHA512"));
      return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private String userDocument(String email) {
    boolean ada = email.equals(ADA);
    String uid = ada ? ADA_UID : "uid-" + Integer.toHexString(email.hashCode());
    users.put(uid, email);
    StringBuilder notebooks = new StringBuilder();
    List<Notebook> all = new ArrayList<>(ADAS_NOTEBOOKS);
    all.addAll(added.getOrDefault(email, List.of()));
    for (Notebook nb : all) {
      notebooks
          .append("    <notebook><id>")
          .append(xml(nb.id()))
          .append("</id><name>")
          .append(xml(nb.name()))
          .append("</name><is-default type=\"boolean\">")
          .append(nb.isDefault())
          .append("</is-default></notebook>\n");
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<users>\n"
        + "  <id>"
        + xml(uid)
        + "</id>\n"
        + "  <fullname>"
        + (ada ? "Ada Lovelace" : "Lab Member")
        + "</fullname>\n"
        + "  <first-name>Ada</first-name>\n  <last-name>Lovelace</last-name>\n"
        + "  <email>"
        + xml(email)
        + "</email>\n"
        + "  <notebooks type=\"array\">\n"
        + notebooks
        + "  </notebooks>\n"
        + "  <request><class>users</class><method>user_access_info</method></request>\n"
        + "</users>\n";
  }

  private static void error(HttpExchange ex, int status, String code, String description)
      throws IOException {
    send(
        ex,
        status,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<error><error-code>"
            + code
            + "</error-code><error-description>"
            + xml(description)
            + "</error-description></error>\n");
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/xml; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  static Map<String, String> query(String raw) {
    Map<String, String> q = new java.util.LinkedHashMap<>();
    if (raw == null) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        q.put(
            URLDecoder.decode(pair.substring(0, eq), UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), UTF_8));
      }
    }
    return q;
  }

  /** The query of a URI, decoded. */
  public static Map<String, String> queryOf(URI uri) {
    return query(uri.getRawQuery());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, UTF_8);
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String random() {
    byte[] b = new byte[12];
    new java.security.SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** For tests that look inside: whether a code is still unused. */
  public Optional<String> codeOwner(String code) {
    return Optional.ofNullable(codes.get(code));
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
